import { describe, expect, it } from 'vitest';

import { backendPair } from './backend-matrix';
import type { DriverUnderTest } from './redis-drivers';
import { missing } from './services';

function driver(name: DriverUnderTest['name'], skipReason?: string): DriverUnderTest {
  return {
    name,
    available: skipReason === undefined,
    skipReason,
    create: () => Promise.reject(new Error('not opened in this test')),
    cleanup: async () => {},
  };
}

describe('backendPair', () => {
  it('pairs the in-process store with PGlite, which needs no Postgres server', () => {
    const pair = backendPair(driver('memory'), false);
    expect(pair).toMatchObject({ database: 'pglite', runnable: true });
    expect(pair.title('menu cache')).toBe('menu cache on memory + pglite');
    expect(pair.title('views', { withDatabase: false })).toBe('views on memory');
  });

  it('pairs a shared driver with Postgres and runs it when both are there', () => {
    const pair = backendPair(driver('tcp'), true);
    expect(pair).toMatchObject({ database: 'postgres', runnable: true });
    expect(pair.title('menu cache')).toBe('menu cache on tcp + postgres');
  });

  it('skips a pair without Postgres and says so in its title', () => {
    const pair = backendPair(driver('upstash'), false);
    expect(pair.runnable).toBe(false);
    expect(pair.title('menu cache')).toBe(`menu cache on upstash + postgres (skipped: ${missing('Postgres')})`);
  });

  it('gives the driver’s own reason when Redis is what is missing', () => {
    const pair = backendPair(driver('tcp', 'no Redis here'), true);
    expect(pair.runnable).toBe(false);
    expect(pair.title('views', { withDatabase: false })).toBe('views on tcp (skipped: no Redis here)');
  });
});
