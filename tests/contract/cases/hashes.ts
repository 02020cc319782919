import { expect } from 'vitest';

import { contractCase } from './types';

export const hashCases = [
  contractCase('DELIFHEQ deletes a hash only while its field holds exactly the value, and keeps its TTL otherwise', ['delifheq', 'hset', 'hgetall', 'pexpire', 'pttl'], async ({ store, k }) => {
    await store.hset(k('cart'), { generation: 'g1', 'item:a:1': '2' });
    await store.pexpire(k('cart'), 60_000);
    // Another value, a prefix of it, another field, a missing key: nothing is deleted.
    expect(await store.delifheq(k('cart'), 'generation', 'g2')).toBe(false);
    expect(await store.delifheq(k('cart'), 'generation', 'g')).toBe(false);
    expect(await store.delifheq(k('cart'), 'item:a:1', 'g1')).toBe(false);
    expect(await store.delifheq(k('cart'), 'nope', '')).toBe(false);
    expect(await store.delifheq(k('missing'), 'generation', 'g1')).toBe(false);
    expect(await store.hgetall(k('cart'))).toEqual({ generation: 'g1', 'item:a:1': '2' });
    expect(await store.pttl(k('cart'))).toBeGreaterThan(0);
    expect(await store.delifheq(k('cart'), 'generation', 'g1')).toBe(true);
    expect(await store.hgetall(k('cart'))).toEqual({});
    expect(await store.delifheq(k('cart'), 'generation', 'g1')).toBe(false);
    // Values compared as bytes, not as numbers or after trimming.
    const nearMisses = [['', ' '], ['007', '7'], ['naïve ☕ 🍛', 'naive ☕ 🍛']] as const;
    for (const [i, [value, nearMiss]] of nearMisses.entries()) {
      await store.hset(k(`h${i}`), { f: value });
      expect(await store.delifheq(k(`h${i}`), 'f', nearMiss)).toBe(false);
      expect(await store.delifheq(k(`h${i}`), 'f', value)).toBe(true);
    }
  }),

  contractCase('DELIFHEQ deletes the keys that go with the hash in the same step, and only with it', ['delifheq', 'hset', 'set', 'exists'], async ({ store, k }) => {
    await store.hset(k('cart'), { generation: 'g1' });
    await store.hset(k('prices'), { '1': '100' });
    await store.set(k('other'), 'x');
    // No match: the other keys stay too.
    expect(await store.delifheq(k('cart'), 'generation', 'g2', [k('prices'), k('other')])).toBe(false);
    expect(await store.exists([k('cart'), k('prices'), k('other')])).toBe(3);
    // A match: all of them go, of any type, and a missing one is no error.
    expect(await store.delifheq(k('cart'), 'generation', 'g1', [k('prices'), k('other'), k('missing')])).toBe(true);
    expect(await store.exists([k('cart'), k('prices'), k('other')])).toBe(0);
  }),

  contractCase('HSET returns the number of new fields; HGET, HGETALL and HLEN read them back', ['hset', 'hget', 'hgetall', 'hlen'], async ({ store, k }) => {
    expect(await store.hset(k('h'), { a: '1', b: '2' })).toBe(2);
    expect(await store.hset(k('h'), { b: '3', c: '{"json":true}' })).toBe(1);
    expect(await store.hget(k('h'), 'b')).toBe('3');
    expect(await store.hget(k('h'), 'nope')).toBeNull();
    expect(await store.hget(k('missing'), 'a')).toBeNull();
    expect(await store.hgetall(k('h'))).toEqual({ a: '1', b: '3', c: '{"json":true}' });
    expect(await store.hlen(k('h'))).toBe(3);
    expect(await store.hlen(k('missing'))).toBe(0);
  }),

  contractCase('HGETALL of a missing key is an empty object', ['hgetall'], async ({ store, k }) => {
    expect(await store.hgetall(k('missing'))).toEqual({});
  }),

  contractCase('HGETALL keeps fields named like Object.prototype members', ['hset', 'hgetall'], async ({ store, k }) => {
    await store.hset(k('h'), { constructor: 'c', toString: 't', ['__proto__']: 'p' });
    const all = await store.hgetall(k('h'));
    expect(Object.keys(all).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    expect(Object.getOwnPropertyDescriptor(all, '__proto__')?.value).toBe('p');
  }),

  contractCase('HDEL counts removed fields, and removing the last field deletes the hash', ['hdel', 'exists', 'type'], async ({ store, k }) => {
    await store.hset(k('h'), { a: '1', b: '2', c: '3' });
    expect(await store.hdel(k('h'), ['a', 'nope'])).toBe(1);
    expect(await store.hdel(k('h'), ['b', 'c'])).toBe(2);
    expect(await store.exists([k('h')])).toBe(0);
    expect(await store.type(k('h'))).toBe('none');
    expect(await store.hdel(k('h'), ['a'])).toBe(0);
  }),

  contractCase('HINCRBY counts from 0, goes negative, and rejects non-integer fields', ['hincrby', 'hget', 'hset'], async ({ store, k }) => {
    expect(await store.hincrby(k('h'), 'n', 5)).toBe(5);
    expect(await store.hincrby(k('h'), 'n', -7)).toBe(-2);
    expect(await store.hget(k('h'), 'n')).toBe('-2');
    await store.hset(k('h'), { word: 'abc' });
    await expect(store.hincrby(k('h'), 'word', 1)).rejects.toThrow(/ERR hash value is not an integer/);
    expect(await store.hget(k('h'), 'word')).toBe('abc');
  }),

  contractCase('HSETNX sets a field only when the hash lacks it, creating the hash if needed', ['hsetnx', 'hget', 'hset'], async ({ store, k }) => {
    expect(await store.hsetnx(k('h'), 'owner', 'a')).toBe(true);
    expect(await store.hsetnx(k('h'), 'owner', 'b')).toBe(false);
    expect(await store.hget(k('h'), 'owner')).toBe('a');
    await store.hset(k('h'), { other: '1' });
    expect(await store.hsetnx(k('h'), 'other', '2')).toBe(false);
    expect(await store.hget(k('h'), 'other')).toBe('1');
  }),

  contractCase('HSETNX from two clients at once: exactly one sets the field', ['hsetnx', 'hget'], async ({ store, another, k }) => {
    const second = await another();
    for (let round = 0; round < 10; round++) {
      const key = k(`race-${round}`);
      const results = await Promise.all([store.hsetnx(key, 'owner', 'a'), second.hsetnx(key, 'owner', 'b')]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.hget(key, 'owner')).toBe(results[0] ? 'a' : 'b');
    }
  }),
];
