import { expect } from 'vitest';

import type { ListEnd, RedisStore } from '@/lib/redis/types';

import { WRONGTYPE, contractCase, sleep } from './types';

/**
 * BLMOVE, on the drivers that can block (see ./optional.ts). The time bounds here are generous and
 * only tell "answered at once / was woken" from "sat out its whole timeout"; they are no speed targets.
 */

/** A timeout no case should ever reach: a call that returns sooner was answered or woken. */
const LONG_MS = 20_000;
/** Well under LONG_MS, far over any real answer time: "promptly". */
const PROMPT_MS = 10_000;
/** Lets a wait just started reach the server before a case acts on it. */
const SETTLE_MS = 200;

const STILL_WAITING = 'still waiting' as const;

type Outcome<T> = { value: T } | { error: Error };

/** Never rejects, so a wait that fails while a case is busy elsewhere is not an unhandled rejection. */
function settle<T>(promise: Promise<T>): Promise<Outcome<T>> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error: error instanceof Error ? error : new Error(String(error)) }),
  );
}

/** The promise's result if it settles within `ms`, else STILL_WAITING. `ms` 0: has it settled already? */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof STILL_WAITING> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof STILL_WAITING>((resolve) => {
    timer = setTimeout(() => resolve(STILL_WAITING), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function blmoveOf(store: RedisStore) {
  const { blmove } = store;
  if (!blmove) throw new Error(`the ${store.backend} store has no blmove`);
  return (source: string, destination: string, from: ListEnd, to: ListEnd, timeoutMs: number) =>
    blmove.call(store, source, destination, from, to, timeoutMs);
}

const MOVES: readonly [ListEnd, ListEnd][] = [
  ['LEFT', 'RIGHT'],
  ['RIGHT', 'LEFT'],
  ['LEFT', 'LEFT'],
];

export const blmoveCases = [
  contractCase('BLMOVE with an element in the source answers at once, exactly as LMOVE does', ['blmove', 'lmove', 'rpush', 'lrange', 'exists'], async ({ store, k }) => {
    const blmove = blmoveOf(store);
    await store.rpush(k('lmove-src'), ['a', 'b', 'c']);
    await store.rpush(k('blmove-src'), ['a', 'b', 'c']);
    for (const [from, to] of MOVES) {
      const expected = await store.lmove(k('lmove-src'), k('lmove-dst'), from, to);
      expect(await within(blmove(k('blmove-src'), k('blmove-dst'), from, to, LONG_MS), PROMPT_MS)).toBe(expected);
    }
    expect(await store.lrange(k('blmove-dst'), 0, -1)).toEqual(['b', 'c', 'a']);
    expect(await store.lrange(k('lmove-dst'), 0, -1)).toEqual(['b', 'c', 'a']);
    expect(await store.exists([k('blmove-src')])).toBe(0);

    // Onto the same list: a rotation, as with LMOVE.
    await store.rpush(k('ring'), ['a', 'b', 'c']);
    expect(await within(blmove(k('ring'), k('ring'), 'LEFT', 'RIGHT', LONG_MS), PROMPT_MS)).toBe('a');
    expect(await store.lrange(k('ring'), 0, -1)).toEqual(['b', 'c', 'a']);
  }),

  contractCase('BLMOVE on an empty source waits out its timeout, then gives null and creates nothing', ['blmove', 'exists'], async ({ store, k }) => {
    const timeoutMs = 500;
    const started = performance.now();
    expect(await blmoveOf(store)(k('src'), k('dst'), 'LEFT', 'RIGHT', timeoutMs)).toBeNull();
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(timeoutMs * 0.8);
    expect(waited).toBeLessThan(timeoutMs + PROMPT_MS);
    expect(await store.exists([k('src'), k('dst')])).toBe(0);
  }),

  contractCase('BLMOVE is woken by a push from another client and moves that element', ['blmove', 'lrange'], async ({ store, another, k }) => {
    const pusher = await another();
    const waiting = settle(blmoveOf(store)(k('src'), k('dst'), 'LEFT', 'RIGHT', LONG_MS));
    await sleep(SETTLE_MS);
    expect(await within(waiting, 0)).toBe(STILL_WAITING);

    await pusher.rpush(k('src'), ['x', 'y']);
    expect(await within(waiting, PROMPT_MS)).toEqual({ value: 'x' });
    expect(await store.lrange(k('dst'), 0, -1)).toEqual(['x']);
    expect(await store.lrange(k('src'), 0, -1)).toEqual(['y']);
  }),

  contractCase('two waiters and one push: exactly one gets the element, the other waits for the next', ['blmove', 'lrange', 'exists'], async ({ store, another, k }) => {
    const pusher = await another();
    const blmove = blmoveOf(store);
    const waiters = ['first', 'second'].map((who) =>
      settle(blmove(k('src'), k('dst'), 'LEFT', 'RIGHT', LONG_MS)).then((outcome) => ({ who, outcome })),
    );
    await sleep(SETTLE_MS);

    await pusher.rpush(k('src'), ['x']);
    const winner = await within(Promise.race(waiters), PROMPT_MS);
    if (winner === STILL_WAITING) throw new Error('no waiter was woken by the push');
    expect(winner.outcome).toEqual({ value: 'x' });
    const loser = winner.who === 'first' ? waiters[1]! : waiters[0]!;
    expect(await within(loser, 0)).toBe(STILL_WAITING);

    await pusher.rpush(k('src'), ['y']);
    expect(await within(loser, PROMPT_MS)).toMatchObject({ outcome: { value: 'y' } });
    expect(await store.lrange(k('dst'), 0, -1)).toEqual(['x', 'y']);
    expect(await store.exists([k('src')])).toBe(0);
  }),

  contractCase('BLMOVE fails at once with WRONGTYPE on a non-list source or destination and loses nothing', ['blmove', 'set', 'rpush', 'lrange', 'get'], async ({ store, k }) => {
    const blmove = blmoveOf(store);
    await store.set(k('str'), 'v');
    await expect(within(blmove(k('str'), k('dst'), 'LEFT', 'RIGHT', LONG_MS), PROMPT_MS)).rejects.toThrow(WRONGTYPE);
    await store.rpush(k('src'), ['a', 'b']);
    await expect(within(blmove(k('src'), k('str'), 'LEFT', 'RIGHT', LONG_MS), PROMPT_MS)).rejects.toThrow(WRONGTYPE);
    expect(await store.lrange(k('src'), 0, -1)).toEqual(['a', 'b']);
    expect(await store.get(k('str'))).toBe('v');
  }),

  contractCase('a waiter whose destination is not a list gets WRONGTYPE when an element arrives; the element stays', ['blmove', 'set', 'lrange', 'get'], async ({ store, another, k }) => {
    const pusher = await another();
    await store.set(k('str'), 'v');
    // Redis checks the destination only once there is something to move, so the call waits.
    const waiting = settle(blmoveOf(store)(k('src'), k('str'), 'LEFT', 'RIGHT', LONG_MS));
    await sleep(SETTLE_MS);
    expect(await within(waiting, 0)).toBe(STILL_WAITING);

    await pusher.rpush(k('src'), ['x']);
    const outcome = await within(waiting, PROMPT_MS);
    expect(outcome).toEqual({ error: expect.objectContaining({ message: expect.stringMatching(WRONGTYPE) }) });
    expect(await store.lrange(k('src'), 0, -1)).toEqual(['x']);
    expect(await store.get(k('str'))).toBe('v');
  }),

  contractCase('a BLMOVE in progress does not hold up other commands on the same store', ['blmove', 'set', 'get', 'rpush', 'lrange'], async ({ store, k }) => {
    const answered: string[] = [];
    const waiting = settle(blmoveOf(store)(k('empty'), k('dst'), 'LEFT', 'RIGHT', 2_000)).then((outcome) => {
      answered.push('blmove');
      return outcome;
    });
    await sleep(SETTLE_MS);

    await store.set(k('a'), 'v');
    expect(await store.get(k('a'))).toBe('v');
    answered.push('get');
    await store.rpush(k('other'), ['x']);
    expect(await store.lrange(k('other'), 0, -1)).toEqual(['x']);
    answered.push('lrange');

    expect(await waiting).toEqual({ value: null });
    expect(answered).toEqual(['get', 'lrange', 'blmove']);
  }),

  contractCase('BLMOVE refuses a timeout that is not a positive number of milliseconds and moves nothing; a fraction rounds up', ['blmove', 'rpush', 'lrange', 'exists'], async ({ store, k }) => {
    const blmove = blmoveOf(store);
    await store.rpush(k('src'), ['a']);
    // 0 is Redis's "wait forever"; every wait here is bounded.
    for (const timeoutMs of [0, -1, Number.NaN, Infinity, 2 ** 31]) {
      await expect(blmove(k('src'), k('dst'), 'LEFT', 'RIGHT', timeoutMs)).rejects.toThrow(/timeout must be a positive number of milliseconds/);
    }
    expect(await store.lrange(k('src'), 0, -1)).toEqual(['a']);
    expect(await store.exists([k('dst')])).toBe(0);
    // Sent as is, 0.4 ms would reach Redis as 0 and never return.
    expect(await within(blmove(k('empty'), k('dst'), 'LEFT', 'RIGHT', 0.4), PROMPT_MS)).toBeNull();
  }),

  contractCase('close() ends a BLMOVE in progress with an error instead of leaving it waiting', ['blmove', 'close'], async ({ store, k }) => {
    const waiting = settle(blmoveOf(store)(k('src'), k('dst'), 'LEFT', 'RIGHT', LONG_MS));
    await sleep(SETTLE_MS);
    await store.close();
    const outcome = await within(waiting, PROMPT_MS);
    expect(outcome).toEqual({ error: expect.objectContaining({ message: expect.stringMatching(/closed/) }) });
  }),
];
