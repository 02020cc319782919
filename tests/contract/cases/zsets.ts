import { expect } from 'vitest';

import { contractCase } from './types';

export const zsetCases = [
  contractCase('ZADD counts new members only; ZSCORE and ZCARD read them', ['zadd', 'zscore', 'zcard'], async ({ store, k }) => {
    expect(await store.zadd(k('z'), [{ member: 'a', score: 1 }, { member: 'b', score: 2 }])).toBe(2);
    expect(await store.zadd(k('z'), [{ member: 'b', score: 5 }, { member: 'c', score: -1.5 }])).toBe(1);
    expect(await store.zscore(k('z'), 'b')).toBe(5);
    expect(await store.zscore(k('z'), 'c')).toBe(-1.5);
    expect(await store.zscore(k('z'), 'nope')).toBeNull();
    expect(await store.zscore(k('missing'), 'a')).toBeNull();
    expect(await store.zcard(k('z'))).toBe(3);
    expect(await store.zcard(k('missing'))).toBe(0);
  }),

  contractCase('ZRANGE by rank, with negative indexes and REV', ['zrange'], async ({ store, k }) => {
    await store.zadd(k('z'), [
      { member: 'low', score: 1 },
      { member: 'mid', score: 2.5 },
      { member: 'high', score: 10 },
      { member: 'neg', score: -3 },
    ]);
    const ranked = (names: string[], scores: number[]) => names.map((member, i) => ({ member, score: scores[i] }));
    expect(await store.zrange(k('z'), 0, -1)).toEqual(ranked(['neg', 'low', 'mid', 'high'], [-3, 1, 2.5, 10]));
    expect(await store.zrange(k('z'), -2, -1)).toEqual(ranked(['mid', 'high'], [2.5, 10]));
    expect(await store.zrange(k('z'), 0, 1, { rev: true })).toEqual(ranked(['high', 'mid'], [10, 2.5]));
    expect(await store.zrange(k('z'), -1, -1, { rev: true })).toEqual(ranked(['neg'], [-3]));
    expect(await store.zrange(k('z'), 2, 100)).toEqual(ranked(['mid', 'high'], [2.5, 10]));
    expect(await store.zrange(k('z'), 3, 1)).toEqual([]);
    expect(await store.zrange(k('missing'), 0, -1)).toEqual([]);
  }),

  contractCase('equal scores are ordered by member, reversed under REV', ['zadd', 'zrange'], async ({ store, k }) => {
    // Redis compares member bytes: U+E000 sorts before an emoji in UTF-8, though not in UTF-16.
    await store.zadd(k('z'), ['b', 'a', '😀', 'c', '\uE000', 'B', 'aa'].map((member) => ({ member, score: 1 })));
    await store.zadd(k('z'), [{ member: 'zero', score: 0 }]);
    const order = async (rev: boolean) => (await store.zrange(k('z'), 0, -1, { rev })).map(({ member }) => member);
    const expected = ['zero', 'B', 'a', 'aa', 'b', 'c', '\uE000', '😀'];
    expect(await order(false)).toEqual(expected);
    expect(await order(true)).toEqual([...expected].reverse());
  }),

  contractCase('ZINCRBY adds to a score as a double and creates what is missing', ['zincrby', 'zscore'], async ({ store, k }) => {
    expect(await store.zincrby(k('z'), 2.5, 'm')).toBe(2.5);
    expect(await store.zincrby(k('z'), -4, 'm')).toBe(-1.5);
    expect(await store.zincrby(k('z'), 0.1, 'f')).toBe(0.1);
    expect(await store.zincrby(k('z'), 0.2, 'f')).toBe(0.1 + 0.2);
    expect(await store.zscore(k('z'), 'f')).toBe(0.1 + 0.2);
  }),

  contractCase('ZREM counts removed members and deletes the emptied zset', ['zrem', 'zcard', 'exists'], async ({ store, k }) => {
    await store.zadd(k('z'), [{ member: 'a', score: 1 }, { member: 'b', score: 2 }]);
    expect(await store.zrem(k('z'), ['a', 'nope'])).toBe(1);
    expect(await store.zcard(k('z'))).toBe(1);
    expect(await store.zrem(k('z'), ['b'])).toBe(1);
    expect(await store.exists([k('z')])).toBe(0);
    expect(await store.zrem(k('z'), ['b'])).toBe(0);
  }),
];
