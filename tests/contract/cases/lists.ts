import { expect } from 'vitest';

import { contractCase } from './types';

export const listCases = [
  contractCase('LPUSH and RPUSH push in argument order and return the new length', ['lpush', 'rpush', 'lrange', 'llen'], async ({ store, k }) => {
    expect(await store.rpush(k('l'), ['a', 'b'])).toBe(2);
    expect(await store.lpush(k('l'), ['x', 'y'])).toBe(4);
    expect(await store.lrange(k('l'), 0, -1)).toEqual(['y', 'x', 'a', 'b']);
    expect(await store.llen(k('l'))).toBe(4);
    expect(await store.llen(k('missing'))).toBe(0);
  }),

  contractCase('LRANGE takes negative indexes and clamps out-of-range ones', ['lrange'], async ({ store, k }) => {
    await store.rpush(k('l'), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(await store.lrange(k('l'), -3, -1)).toEqual(['7', '8', '9']);
    expect(await store.lrange(k('l'), 0, 2)).toEqual(['0', '1', '2']);
    expect(await store.lrange(k('l'), -100, 1)).toEqual(['0', '1']);
    expect(await store.lrange(k('l'), 8, 100)).toEqual(['8', '9']);
    expect(await store.lrange(k('l'), 5, 3)).toEqual([]);
    expect(await store.lrange(k('l'), 0, -100)).toEqual([]);
    expect(await store.lrange(k('l'), 10, 20)).toEqual([]);
    expect(await store.lrange(k('missing'), 0, -1)).toEqual([]);
  }),

  contractCase('LMOVE moves between lists and ends; the emptied source is deleted; empty source gives null', ['lmove', 'lrange', 'exists'], async ({ store, k }) => {
    await store.rpush(k('src'), ['a', 'b', 'c']);
    expect(await store.lmove(k('src'), k('dst'), 'LEFT', 'RIGHT')).toBe('a');
    expect(await store.lmove(k('src'), k('dst'), 'RIGHT', 'LEFT')).toBe('c');
    expect(await store.lmove(k('src'), k('dst'), 'LEFT', 'LEFT')).toBe('b');
    expect(await store.lrange(k('dst'), 0, -1)).toEqual(['b', 'c', 'a']);
    expect(await store.exists([k('src')])).toBe(0);
    expect(await store.lmove(k('src'), k('dst'), 'LEFT', 'RIGHT')).toBeNull();
    expect(await store.lrange(k('dst'), 0, -1)).toEqual(['b', 'c', 'a']);
  }),

  contractCase('LMOVE onto the same list rotates it', ['lmove', 'lrange'], async ({ store, k }) => {
    await store.rpush(k('l'), ['a', 'b', 'c']);
    expect(await store.lmove(k('l'), k('l'), 'LEFT', 'RIGHT')).toBe('a');
    expect(await store.lrange(k('l'), 0, -1)).toEqual(['b', 'c', 'a']);
    expect(await store.lmove(k('l'), k('l'), 'RIGHT', 'LEFT')).toBe('a');
    expect(await store.lrange(k('l'), 0, -1)).toEqual(['a', 'b', 'c']);
  }),

  contractCase('LTRIM keeps a window by LRANGE rules; an empty window deletes the list', ['ltrim', 'rpush', 'lrange', 'exists'], async ({ store, k }) => {
    await store.rpush(k('l'), ['0', '1', '2', '3', '4', '5']);
    await store.ltrim(k('l'), 0, 3);
    expect(await store.lrange(k('l'), 0, -1)).toEqual(['0', '1', '2', '3']);
    await store.ltrim(k('l'), -3, 100);
    expect(await store.lrange(k('l'), 0, -1)).toEqual(['1', '2', '3']);
    await store.ltrim(k('l'), 0, -1);
    expect(await store.lrange(k('l'), 0, -1)).toEqual(['1', '2', '3']);
    await store.ltrim(k('l'), 5, 10);
    expect(await store.exists([k('l')])).toBe(0);
    await store.ltrim(k('missing'), 0, 1);
    expect(await store.exists([k('missing')])).toBe(0);
  }),

  contractCase('LREM removes from the head, from the tail (negative count) or all (0)', ['lrem', 'lrange', 'exists'], async ({ store, k }) => {
    await store.rpush(k('l'), ['a', 'b', 'a', 'c', 'a', 'b', 'a']);
    expect(await store.lrem(k('l'), 2, 'a')).toBe(2);
    expect(await store.lrange(k('l'), 0, -1)).toEqual(['b', 'c', 'a', 'b', 'a']);
    expect(await store.lrem(k('l'), -1, 'a')).toBe(1);
    expect(await store.lrange(k('l'), 0, -1)).toEqual(['b', 'c', 'a', 'b']);
    expect(await store.lrem(k('l'), 0, 'b')).toBe(2);
    expect(await store.lrange(k('l'), 0, -1)).toEqual(['c', 'a']);
    expect(await store.lrem(k('l'), 0, 'zzz')).toBe(0);
    expect(await store.lrem(k('l'), 5, 'c')).toBe(1);
    expect(await store.lrem(k('l'), -5, 'a')).toBe(1);
    expect(await store.exists([k('l')])).toBe(0);
    expect(await store.lrem(k('missing'), 0, 'a')).toBe(0);
  }),
];
