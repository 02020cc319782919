import { describe, expect, it } from 'vitest';

import { addressInCity } from './in-city';

describe('addressInCity', () => {
  it('takes the city as customers write it: any case, old names, a district or area around it', () => {
    expect(addressInCity('Bengaluru', 'Bengaluru')).toBe(true);
    expect(addressInCity('bangalore', 'Bengaluru')).toBe(true);
    expect(addressInCity('Bengaluru Urban', 'Bengaluru')).toBe(true);
    expect(addressInCity('Bombay', 'Mumbai')).toBe(true);
    expect(addressInCity('New Delhi', 'Delhi')).toBe(true);
    expect(addressInCity('Madras', 'Chennai')).toBe(true);
    expect(addressInCity('Calcutta', 'Kolkata')).toBe(true);
    expect(addressInCity('Secunderabad', 'Hyderabad')).toBe(true);
    expect(addressInCity('Poona', 'Pune')).toBe(true);
    expect(addressInCity('Amdavad', 'Ahmedabad')).toBe(true);
  });

  it('tells another city apart', () => {
    expect(addressInCity('Mumbai', 'Bengaluru')).toBe(false);
    expect(addressInCity('Pune', 'Mumbai')).toBe(false);
  });

  it('a city it has no other names for is matched by its own', () => {
    expect(addressInCity('Mysuru', 'Mysuru')).toBe(true);
    expect(addressInCity('Mysore', 'Jaipur')).toBe(false);
  });
});
