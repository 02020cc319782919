import { expect } from 'vitest';

import { escapeGlob } from '@/lib/redis/glob';
import type { RedisStore, ScanOptions } from '@/lib/redis/types';

import { contractCase } from './types';

/**
 * Runs a SCAN to completion, calling `between` after every step; returns the keys seen and the step
 * count. Redis promises each key present from start to end at least once, and may return a key twice
 * (a rehash mid-scan), so the cases compare sets, never lists.
 */
async function scanAll(store: RedisStore, options: ScanOptions, between: () => Promise<void> = async () => {}) {
  const seen = new Set<string>();
  let cursor = '0';
  let steps = 0;
  do {
    const page = await store.scan(cursor, options);
    for (const key of page.keys) seen.add(key);
    cursor = page.cursor;
    steps++;
    if (steps > 100_000) throw new Error('SCAN did not terminate');
    await between();
  } while (cursor !== '0');
  return { seen, steps };
}

const names = (count: number, tag: string) => Array.from({ length: count }, (_, i) => `${tag}:${i}`);

/**
 * Creates keys a few at a time: these cases are about SCAN, not about a driver's burst throughput. The
 * TTL is a safety net for the shared Redis: a write that times out can still land after cleanup.
 */
async function setAll(store: RedisStore, keys: readonly string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 25) {
    await Promise.all(keys.slice(i, i + 25).map((key) => store.set(key, 'v', { px: 600_000 })));
  }
}

export const scanCases = [
  contractCase('SCAN with a small COUNT walks every key over many steps', ['scan', 'set'], async ({ store, k, prefix }) => {
    const keys = names(250, 'many').map(k);
    await setAll(store, keys);
    const { seen, steps } = await scanAll(store, { match: `${escapeGlob(prefix)}*`, count: 10 });
    expect(seen).toEqual(new Set(keys));
    expect(steps).toBeGreaterThan(1);
  }),

  contractCase('SCAN MATCH filters with Redis glob patterns', ['scan', 'set', 'hset'], async ({ store, k, prefix }) => {
    for (const name of ['user:1', 'user:2', 'user:10', 'order:1', 'hello', 'h?llo', 'café']) await store.set(k(name), 'v');
    await store.hset(k('user:hash'), { f: 'v' });
    const p = escapeGlob(prefix);
    const match = async (pattern: string) => [...(await scanAll(store, { match: p + pattern, count: 500 })).seen].map((key) => key.slice(prefix.length)).sort();
    expect(await match('user:*')).toEqual(['user:1', 'user:10', 'user:2', 'user:hash']);
    expect(await match('user:?')).toEqual(['user:1', 'user:2']);
    expect(await match('user:[12]')).toEqual(['user:1', 'user:2']);
    expect(await match('user:[^1]*')).toEqual(['user:2', 'user:hash']);
    expect(await match('[n-p]*')).toEqual(['order:1']);
    expect(await match('h\\?llo')).toEqual(['h?llo']);
    expect(await match('h?llo')).toEqual(['h?llo', 'hello']);
    expect(await match('caf?')).toEqual([]);
    expect(await match('caf??')).toEqual(['café']);
    expect(await match('nothing*')).toEqual([]);
  }),

  contractCase('a full SCAN returns every key that lives through it, despite writes and deletes', ['scan', 'set', 'del'], async ({ store, k, prefix }) => {
    const initial = names(250, 'stable').map(k);
    await setAll(store, initial);
    const deleted = new Set<string>();
    const added: string[] = [];
    let step = 0;
    // After each of the first steps: delete two keys (one likely already seen, one likely not) and add three.
    const churn = async () => {
      if (++step > 30) return;
      const victims = [initial[(step * 7) % initial.length]!, initial[(step * 13 + 101) % initial.length]!];
      victims.forEach((key) => deleted.add(key));
      await store.del(victims);
      const fresh = names(3, `new${step}`).map(k);
      added.push(...fresh);
      await setAll(store, fresh);
    };
    const { seen } = await scanAll(store, { match: `${escapeGlob(prefix)}*`, count: 10 }, churn);
    const survivors = initial.filter((key) => !deleted.has(key));
    expect(survivors.length).toBeGreaterThan(100);
    expect(survivors.filter((key) => !seen.has(key))).toEqual([]);
    const possible = new Set([...initial, ...added]);
    expect([...seen].filter((key) => !possible.has(key))).toEqual([]);
  }),

  contractCase('SCAN starts and ends at cursor "0" and uses a default COUNT', ['scan', 'set'], async ({ store, k, prefix }) => {
    await store.set(k('only'), 'v');
    const { seen } = await scanAll(store, { match: `${escapeGlob(prefix)}*` });
    expect(seen).toEqual(new Set([k('only')]));
  }),
];
