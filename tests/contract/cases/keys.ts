import { expect } from 'vitest';

import { contractCase, sleep } from './types';

export const keyCases = [
  contractCase('DEL counts keys deleted, EXISTS counts every key named', ['del', 'exists'], async ({ store, k }) => {
    await store.set(k('a'), '1');
    await store.hset(k('h'), { f: 'v' });
    expect(await store.exists([k('a'), k('h'), k('missing')])).toBe(2);
    expect(await store.exists([k('a'), k('a')])).toBe(2);
    expect(await store.del([k('a'), k('missing'), k('h'), k('a')])).toBe(2);
    expect(await store.exists([k('a'), k('h')])).toBe(0);
    expect(await store.del([k('a')])).toBe(0);
  }),

  contractCase('TYPE names each kind of value, and none for a missing key', ['type'], async ({ store, k }) => {
    await store.set(k('s'), 'v');
    await store.hset(k('h'), { f: 'v' });
    await store.rpush(k('l'), ['v']);
    await store.sadd(k('set'), ['v']);
    await store.zadd(k('z'), [{ member: 'v', score: 1 }]);
    expect(await store.type(k('s'))).toBe('string');
    expect(await store.type(k('h'))).toBe('hash');
    expect(await store.type(k('l'))).toBe('list');
    expect(await store.type(k('set'))).toBe('set');
    expect(await store.type(k('z'))).toBe('zset');
    expect(await store.type(k('missing'))).toBe('none');
  }),

  contractCase('PTTL and TTL: -2 for a missing key, -1 for a key without expiry', ['pttl', 'ttl'], async ({ store, k }) => {
    expect(await store.pttl(k('missing'))).toBe(-2);
    expect(await store.ttl(k('missing'))).toBe(-2);
    await store.set(k('forever'), 'v');
    await store.rpush(k('list'), ['v']);
    expect(await store.pttl(k('forever'))).toBe(-1);
    expect(await store.ttl(k('forever'))).toBe(-1);
    expect(await store.pttl(k('list'))).toBe(-1);
  }),

  contractCase('SET PX and PEXPIRE set a TTL that PTTL and TTL report', ['set', 'pexpire', 'pttl', 'ttl'], async ({ store, k }) => {
    await store.set(k('a'), 'v', { px: 10_000 });
    const pttl = await store.pttl(k('a'));
    expect(pttl).toBeGreaterThan(8_000);
    expect(pttl).toBeLessThanOrEqual(10_000);
    // TTL rounds to the nearest second; a slow machine may already be past 9.5 s left.
    expect([9, 10]).toContain(await store.ttl(k('a')));

    await store.hset(k('h'), { f: 'v' });
    expect(await store.pexpire(k('h'), 5_000)).toBe(true);
    expect(await store.pttl(k('h'))).toBeGreaterThan(3_000);
    expect(await store.pttl(k('h'))).toBeLessThanOrEqual(5_000);
    expect([4, 5]).toContain(await store.ttl(k('h')));

    expect(await store.pexpire(k('missing'), 5_000)).toBe(false);
    expect(await store.exists([k('missing')])).toBe(0);
  }),

  contractCase('PEXPIRE with a time already past deletes the key', ['pexpire', 'exists'], async ({ store, k }) => {
    await store.set(k('a'), 'v');
    expect(await store.pexpire(k('a'), 0)).toBe(true);
    expect(await store.exists([k('a')])).toBe(0);
  }),

  contractCase('a plain SET clears the TTL; INCR keeps it', ['set', 'incr', 'pttl'], async ({ store, k }) => {
    await store.set(k('a'), 'v', { px: 10_000 });
    await store.set(k('a'), 'w');
    expect(await store.pttl(k('a'))).toBe(-1);

    await store.set(k('n'), '1', { px: 10_000 });
    expect(await store.incr(k('n'))).toBe(2);
    expect(await store.pttl(k('n'))).toBeGreaterThan(0);
  }),

  contractCase('keys really expire: gone from GET, EXISTS, TYPE and PTTL', ['set', 'pexpire', 'get', 'exists', 'type', 'pttl', 'hgetall'], async ({ store, k }) => {
    await store.set(k('s'), 'v', { px: 60 });
    await store.hset(k('h'), { f: 'v' });
    await store.pexpire(k('h'), 60);
    await store.set(k('kept'), 'v', { px: 10_000 });
    await sleep(150);
    expect(await store.get(k('s'))).toBeNull();
    expect(await store.exists([k('s'), k('h')])).toBe(0);
    expect(await store.type(k('s'))).toBe('none');
    expect(await store.pttl(k('s'))).toBe(-2);
    expect(await store.hgetall(k('h'))).toEqual({});
    expect(await store.get(k('kept'))).toBe('v');
  }),

  contractCase('RENAME moves the value and its TTL, replacing the destination', ['rename', 'get', 'pttl', 'exists', 'type'], async ({ store, k }) => {
    await store.set(k('src'), 'payload', { px: 10_000 });
    await store.rpush(k('dst'), ['old']);
    await store.rename(k('src'), k('dst'));
    expect(await store.exists([k('src')])).toBe(0);
    expect(await store.type(k('dst'))).toBe('string');
    expect(await store.get(k('dst'))).toBe('payload');
    expect(await store.pttl(k('dst'))).toBeGreaterThan(8_000);

    await store.set(k('plain'), 'v');
    await store.set(k('volatile'), 'v', { px: 10_000 });
    await store.rename(k('plain'), k('volatile'));
    expect(await store.pttl(k('volatile'))).toBe(-1);
  }),

  contractCase('RENAME of a missing key fails with "no such key"', ['rename', 'get'], async ({ store, k }) => {
    await store.set(k('dst'), 'untouched');
    await expect(store.rename(k('missing'), k('dst'))).rejects.toThrow(/ERR no such key/);
    expect(await store.get(k('dst'))).toBe('untouched');
  }),
];
