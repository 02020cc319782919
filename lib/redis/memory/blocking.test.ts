import { afterEach, describe, expect, it, vi } from 'vitest';

import { createMemoryStore } from '../memory-store';
import type { RedisStore } from '../types';

/**
 * What only the in-process BLMOVE can show exactly: the order waiters are served in, that an element a
 * waiter is owed is never visible to anyone else, chains and rotations as Redis serves them, and its
 * timers (on a fake clock). The behaviour every driver shares lives in tests/contract.
 */

function blmoveOf(store: RedisStore) {
  const { blmove } = store;
  if (!blmove) throw new Error('the in-process store has no blmove');
  return blmove.bind(store);
}

/** Records each promise's outcome as it settles, in settling order. */
function journal() {
  const entries: string[] = [];
  const track = (label: string, promise: Promise<string | null>) =>
    promise.then(
      (value) => entries.push(`${label}:${value}`),
      (error: Error) => entries.push(`${label}:${error.message}`),
    );
  return { entries, track };
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('in-process BLMOVE', () => {
  it('serves waiters in the order they started waiting', async () => {
    const store = createMemoryStore();
    const blmove = blmoveOf(store);
    const { entries, track } = journal();
    const all = ['a', 'b', 'c'].map((label) => track(label, blmove('q', `got-${label}`, 'LEFT', 'RIGHT', 10_000)));
    for (const value of ['1', '2', '3']) await store.rpush('q', [value]);
    await Promise.all(all);
    expect(entries).toEqual(['a:1', 'b:2', 'c:3']);
    expect(await store.lrange('got-b', 0, -1)).toEqual(['2']);
    await store.close();
  });

  it('hands the element over inside the push, so no command issued after it can see or take it', async () => {
    const store = createMemoryStore();
    const waiting = blmoveOf(store)('q', 'dst', 'LEFT', 'RIGHT', 10_000);
    // Neither call awaits: the push and the attempts to take the element run back to back.
    const pushed = store.rpush('q', ['x']);
    const stolen = store.lmove('q', 'thief', 'LEFT', 'RIGHT');
    const seen = store.lrange('q', 0, -1);
    expect(await pushed).toBe(1); // the length right after the push, as Redis reports it
    expect(await stolen).toBeNull();
    expect(await seen).toEqual([]);
    expect(await waiting).toBe('x');
    expect(await store.lrange('dst', 0, -1)).toEqual(['x']);
    await store.close();
  });

  it('lets a new BLMOVE on a source that has waiters queue behind them', async () => {
    const store = createMemoryStore();
    const blmove = blmoveOf(store);
    const { entries, track } = journal();
    const first = track('first', blmove('q', 'dst', 'LEFT', 'RIGHT', 10_000));
    const second = track('second', blmove('q', 'dst', 'LEFT', 'RIGHT', 10_000));
    await store.rpush('q', ['x', 'y']);
    await Promise.all([first, second]);
    expect(entries).toEqual(['first:x', 'second:y']);
    await store.close();
  });

  it('follows a chain: an element moved into a waited key goes on to that key’s waiter', async () => {
    const store = createMemoryStore();
    const blmove = blmoveOf(store);
    const toB = blmove('a', 'b', 'LEFT', 'RIGHT', 10_000);
    const toC = blmove('b', 'c', 'LEFT', 'RIGHT', 10_000);
    await store.lpush('a', ['x']);
    expect(await Promise.all([toB, toC])).toEqual(['x', 'x']);
    expect(await store.exists(['a', 'b'])).toBe(0);
    expect(await store.lrange('c', 0, -1)).toEqual(['x']);
    await store.close();
  });

  it('serves every waiter that rotates a list onto itself, as Redis does while the list stays non-empty', async () => {
    const store = createMemoryStore();
    const blmove = blmoveOf(store);
    const rotations = [blmove('ring', 'ring', 'LEFT', 'RIGHT', 10_000), blmove('ring', 'ring', 'LEFT', 'RIGHT', 10_000)];
    await store.rpush('ring', ['a', 'b']);
    expect(await Promise.all(rotations)).toEqual(['a', 'b']);
    expect(await store.lrange('ring', 0, -1)).toEqual(['a', 'b']);
    await store.close();
  });

  it('is woken by a list renamed onto its source', async () => {
    const store = createMemoryStore();
    const waiting = blmoveOf(store)('q', 'dst', 'RIGHT', 'LEFT', 10_000);
    await store.rpush('staging', ['a', 'b']);
    await store.rename('staging', 'q');
    expect(await waiting).toBe('b');
    expect(await store.lrange('q', 0, -1)).toEqual(['a']);
    await store.close();
  });

  it('keeps waiting while its source holds a non-list, as Redis does, and is served once it is a list again', async () => {
    const store = createMemoryStore();
    const waiting = blmoveOf(store)('q', 'dst', 'LEFT', 'RIGHT', 10_000);
    await store.set('q', 'not a list');
    await store.del(['q']);
    await store.rpush('q', ['x']);
    expect(await waiting).toBe('x');
    await store.close();
  });

  it('times out after exactly its timeout (fake clock), and the next push is not lost to it', async () => {
    vi.useFakeTimers();
    const store = createMemoryStore();
    const { entries, track } = journal();
    const done = track('w', blmoveOf(store)('q', 'dst', 'LEFT', 'RIGHT', 1_000));
    await vi.advanceTimersByTimeAsync(999);
    expect(entries).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(entries).toEqual(['w:null']);
    await store.rpush('q', ['x']);
    expect(await store.lrange('q', 0, -1)).toEqual(['x']);
    await store.close();
  });

  it('never keeps the process alive while it waits', async () => {
    const store = createMemoryStore();
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const waiting = expect(blmoveOf(store)('q', 'dst', 'LEFT', 'RIGHT', 10_000)).rejects.toThrow(/closed/);
    expect(timers).toHaveBeenCalledTimes(1);
    const timer = timers.mock.results[0]!.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    await store.close();
    await waiting;
  });

  it('close() rejects every pending wait, and BLMOVE is refused afterwards', async () => {
    const store = createMemoryStore();
    const blmove = blmoveOf(store);
    const waits = Promise.allSettled([blmove('a', 'dst', 'LEFT', 'RIGHT', 10_000), blmove('b', 'dst', 'LEFT', 'RIGHT', 10_000)]);
    await store.close();
    const reasons = (await waits).map((result) => (result.status === 'rejected' ? (result.reason as Error).message : result.value));
    expect(reasons).toEqual(['The in-process Redis store is closed', 'The in-process Redis store is closed']);
    await expect(blmove('a', 'dst', 'LEFT', 'RIGHT', 10)).rejects.toThrow(/closed/);
  });
});
