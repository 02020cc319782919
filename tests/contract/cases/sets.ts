import { expect } from 'vitest';

import { contractCase } from './types';

export const setCases = [
  contractCase('SADD and SREM count real changes; SMEMBERS, SISMEMBER and SCARD read the set', ['sadd', 'srem', 'smembers', 'sismember', 'scard'], async ({ store, k }) => {
    expect(await store.sadd(k('s'), ['a', 'b', 'a'])).toBe(2);
    expect(await store.sadd(k('s'), ['b', 'c'])).toBe(1);
    expect((await store.smembers(k('s'))).sort()).toEqual(['a', 'b', 'c']);
    expect(await store.sismember(k('s'), 'a')).toBe(true);
    expect(await store.sismember(k('s'), 'z')).toBe(false);
    expect(await store.scard(k('s'))).toBe(3);
    expect(await store.srem(k('s'), ['a', 'z'])).toBe(1);
    expect(await store.scard(k('s'))).toBe(2);
  }),

  contractCase('a set disappears with its last member; missing sets read as empty', ['srem', 'smembers', 'sismember', 'scard', 'exists'], async ({ store, k }) => {
    await store.sadd(k('s'), ['a', 'b']);
    expect(await store.srem(k('s'), ['a', 'b'])).toBe(2);
    expect(await store.exists([k('s')])).toBe(0);
    expect(await store.smembers(k('s'))).toEqual([]);
    expect(await store.sismember(k('s'), 'a')).toBe(false);
    expect(await store.scard(k('s'))).toBe(0);
    expect(await store.srem(k('s'), ['a'])).toBe(0);
  }),
];
