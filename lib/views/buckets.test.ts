import { describe, expect, it } from 'vitest';

import { dayOf, hourOf, lastDays, lastHours } from './buckets';

describe('counter time buckets (IST)', () => {
  it('starts the day at midnight in India, not in UTC', () => {
    expect(dayOf(new Date('2025-03-09T18:29:59Z'))).toBe('2025-03-09');
    expect(dayOf(new Date('2025-03-09T18:30:00Z'))).toBe('2025-03-10');
  });

  it('names hours in IST, on the half hour of UTC', () => {
    expect(hourOf(new Date('2025-03-09T06:29:59Z'))).toBe('2025030911');
    expect(hourOf(new Date('2025-03-09T06:30:00Z'))).toBe('2025030912');
    expect(hourOf(new Date('2025-12-31T18:45:00Z'))).toBe('2026010100');
  });

  it('lists the last days and hours oldest first, ending with the current one', () => {
    const now = new Date('2025-03-01T00:00:00Z');
    expect(lastDays(now, 7)).toEqual([
      '2025-02-23',
      '2025-02-24',
      '2025-02-25',
      '2025-02-26',
      '2025-02-27',
      '2025-02-28',
      '2025-03-01',
    ]);
    const hours = lastHours(now, 24);
    expect(hours).toHaveLength(24);
    expect(hours[0]).toBe('2025022806');
    expect(hours.at(-1)).toBe('2025030105');
    expect(new Set(hours).size).toBe(24);
  });
});
