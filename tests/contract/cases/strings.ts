import { expect } from 'vitest';

import { contractCase } from './types';

export const stringCases = [
  contractCase('GET returns exactly the string SET stored, and null for a missing key', ['get', 'set'], async ({ store, k }) => {
    // Strings that look like JSON, numbers or booleans must not be decoded by any driver.
    const values = ['42', '007', '1.50', '{"a":1}', '[1,2]', 'true', 'null', '', '  padded  ', 'naïve ☕ 🍛', 'line\nbreak'];
    for (const [i, value] of values.entries()) {
      expect(await store.set(k(`v${i}`), value)).toBe(true);
      expect(await store.get(k(`v${i}`))).toBe(value);
    }
    expect(await store.get(k('missing'))).toBeNull();
  }),

  contractCase('SET overwrites, NX writes only a missing key, XX only an existing one', ['set', 'get', 'exists'], async ({ store, k }) => {
    expect(await store.set(k('a'), 'one', { nx: true })).toBe(true);
    expect(await store.set(k('a'), 'two', { nx: true })).toBe(false);
    expect(await store.get(k('a'))).toBe('one');

    expect(await store.set(k('a'), 'three', { xx: true })).toBe(true);
    expect(await store.get(k('a'))).toBe('three');
    expect(await store.set(k('b'), 'never', { xx: true })).toBe(false);
    expect(await store.exists([k('b')])).toBe(0);

    expect(await store.set(k('a'), 'four')).toBe(true);
    expect(await store.get(k('a'))).toBe('four');
  }),

  contractCase('SET rejects NX together with XX, and a PX that is not positive', ['set', 'exists'], async ({ store, k }) => {
    await expect(store.set(k('a'), 'v', { nx: true, xx: true })).rejects.toThrow(/ERR syntax error/);
    await expect(store.set(k('a'), 'v', { px: 0 })).rejects.toThrow(/ERR invalid expire time/);
    await expect(store.set(k('a'), 'v', { px: -5 })).rejects.toThrow(/ERR invalid expire time/);
    expect(await store.exists([k('a')])).toBe(0);
  }),

  contractCase('SET replaces a key of any other type', ['set', 'type', 'get', 'rpush'], async ({ store, k }) => {
    await store.rpush(k('list'), ['x']);
    expect(await store.set(k('list'), 'now a string')).toBe(true);
    expect(await store.type(k('list'))).toBe('string');
    expect(await store.get(k('list'))).toBe('now a string');
  }),

  contractCase('GETDEL returns the value and deletes the key; null when missing', ['getdel', 'exists'], async ({ store, k }) => {
    await store.set(k('a'), 'payload');
    expect(await store.getdel(k('a'))).toBe('payload');
    expect(await store.exists([k('a')])).toBe(0);
    expect(await store.getdel(k('a'))).toBeNull();
  }),

  contractCase('DELIFEQ deletes a key only while it holds exactly the value, and keeps its TTL otherwise', ['delifeq', 'set', 'get', 'pttl'], async ({ store, k }) => {
    await store.set(k('claim'), 'mine 1', { px: 60_000 });
    // Another holder's value, a prefix of it, and a missing key: nothing is deleted.
    expect(await store.delifeq(k('claim'), 'theirs 2')).toBe(false);
    expect(await store.delifeq(k('claim'), 'mine')).toBe(false);
    expect(await store.delifeq(k('missing'), 'mine 1')).toBe(false);
    expect(await store.get(k('claim'))).toBe('mine 1');
    expect(await store.pttl(k('claim'))).toBeGreaterThan(0);
    expect(await store.delifeq(k('claim'), 'mine 1')).toBe(true);
    expect(await store.get(k('claim'))).toBeNull();
    expect(await store.delifeq(k('claim'), 'mine 1')).toBe(false);
    // Values the script must compare as bytes, not as numbers or after trimming.
    const nearMisses = [['', ' '], ['007', '7'], [' padded ', 'padded'], ['naïve ☕ 🍛', 'naive ☕ 🍛']] as const;
    for (const [i, [value, nearMiss]] of nearMisses.entries()) {
      await store.set(k(`v${i}`), value);
      expect(await store.delifeq(k(`v${i}`), nearMiss)).toBe(false);
      expect(await store.delifeq(k(`v${i}`), value)).toBe(true);
    }
  }),

  contractCase('DELIFEQ of another client never deletes a claim that changed hands', ['delifeq', 'set', 'get'], async ({ store, another, k }) => {
    const other = await another();
    await store.set(k('lock'), 'first', { px: 60_000 });
    // The first holder's claim lapsed and a second took it: the first one's release leaves it alone.
    await other.set(k('lock'), 'second', { px: 60_000 });
    expect(await store.delifeq(k('lock'), 'first')).toBe(false);
    expect(await other.get(k('lock'))).toBe('second');
    expect(await other.delifeq(k('lock'), 'second')).toBe(true);
    expect(await store.get(k('lock'))).toBeNull();
  }),

  contractCase('MGET answers in key order, with null for missing and non-string keys', ['mget'], async ({ store, k }) => {
    await store.set(k('a'), '1');
    await store.set(k('b'), '2');
    await store.sadd(k('set'), ['m']);
    expect(await store.mget([k('a'), k('missing'), k('b'), k('set'), k('a')])).toEqual(['1', null, '2', null, '1']);
  }),

  contractCase('INCR and INCRBY count from 0, go negative and store the result as a string', ['incr', 'incrby', 'get'], async ({ store, k }) => {
    expect(await store.incr(k('n'))).toBe(1);
    expect(await store.incr(k('n'))).toBe(2);
    expect(await store.incrby(k('n'), 10)).toBe(12);
    expect(await store.incrby(k('n'), -20)).toBe(-8);
    expect(await store.get(k('n'))).toBe('-8');
    expect(await store.incrby(k('fresh'), -3)).toBe(-3);
  }),

  contractCase('INCR and INCRBY reject values that are not integers and leave them alone', ['incr', 'incrby', 'get'], async ({ store, k }) => {
    for (const [i, value] of ['abc', '1.5', ' 1', '+1', '01', ''].entries()) {
      await store.set(k(`bad${i}`), value);
      await expect(store.incr(k(`bad${i}`))).rejects.toThrow(/ERR value is not an integer or out of range/);
      await expect(store.incrby(k(`bad${i}`), 2)).rejects.toThrow(/ERR value is not an integer or out of range/);
      expect(await store.get(k(`bad${i}`))).toBe(value);
    }
  }),

  contractCase('INCRBY is exact beyond 2^53 in storage and refuses to overflow 64 bits', ['incrby', 'get'], async ({ store, k }) => {
    await store.set(k('big'), '9007199254740993');
    await store.incrby(k('big'), 1);
    expect(await store.get(k('big'))).toBe('9007199254740994');
    await store.set(k('max'), '9223372036854775807');
    await expect(store.incrby(k('max'), 1)).rejects.toThrow(/overflow/);
    expect(await store.get(k('max'))).toBe('9223372036854775807');
  }),

  contractCase('STRLEN counts UTF-8 bytes; 0 for a missing key', ['strlen'], async ({ store, k }) => {
    await store.set(k('ascii'), 'hello');
    await store.set(k('utf8'), 'é☕');
    await store.set(k('empty'), '');
    expect(await store.strlen(k('ascii'))).toBe(5);
    expect(await store.strlen(k('utf8'))).toBe(5);
    expect(await store.strlen(k('empty'))).toBe(0);
    expect(await store.strlen(k('missing'))).toBe(0);
  }),
];
