import 'server-only';

import { randomUUID } from 'node:crypto';

import { log } from '@/lib/log';
import { countCacheLookup } from '@/lib/metrics/process-stats';
import { guardedRedis } from '@/lib/redis/guard';
import { writesInDoubt } from '@/lib/redis/refused-writes';
import type { RedisStore } from '@/lib/redis/types';

import { dependenciesOf } from './dependencies';
import { decodedSize, decodeEntry, encodeEntry, isRenderedPage, type PageEntry, type RenderedPage } from './entry';
import { pageCacheKeys } from './keys';
import { keepLocalCopy, localCopy } from './local-copies';
import { beginLookup, endLookup, type Lookup } from './lookups';
import { pageOfSharedPath, type SharedPage } from './paths';
import { notePending, takePending } from './pending-renders';

/**
 * The page cache behind Next's response cache (next-cache-handler.mjs hands every call here):
 * shared pages only, in Redis, so every instance serves what any of them rendered, and each one
 * checks on every request that nothing the page shows has changed since (docs/decisions/046).
 *
 * get: one MGET reads the stored page's id and the current values of its dependencies; the page
 * itself comes from this process's decoded copy of that id (local-copies.ts), or one GET when it has
 * none. Dependency values equal to those stored with it: served (Next sends the stored HTML or RSC
 * payload without rendering). Otherwise "not cached", and the values just read are remembered for
 * the render Next starts next.
 * set: the render is stored with the values remembered before it began, never with newer ones, so a
 * render that raced a save is stale on arrival and the next request renders again: a late store
 * can never bring back what a save replaced (the same rule as lib/cache/read-through.ts).
 */

/** Next's storage keys end in `/$<pathname>` (next/dist/server/lib/route-cache-key); anything else is not ours. */
export function pathOfStorageKey(key: string): string | null {
  const at = key.lastIndexOf('/$');
  return at === -1 ? null : key.slice(at + 2);
}

export interface CachedPage {
  lastModified: number;
  value: RenderedPage;
  cacheControl: { revalidate: false; expire: undefined };
}

/** The shared page a storage key is for, with its path; null for every other key. */
function sharedPageOfKey(key: string): { path: string; page: SharedPage } | null {
  const path = pathOfStorageKey(key);
  const page = path === null ? null : pageOfSharedPath(path);
  return path === null || page === null ? null : { path, page };
}

export async function getPage(key: string, kind: string | undefined, store?: RedisStore): Promise<CachedPage | null> {
  const shared = kind === 'APP_PAGE' ? sharedPageOfKey(key) : null;
  if (!shared) return null;
  const { path, page } = shared;
  const { keys, graceMs } = dependenciesOf(page);
  // Requests that arrive while this lookup (and a render after a miss) runs get its answer from Next: ./lookups.ts.
  const lookup = beginLookup(path);
  try {
    return await lookUpPage(path, keys, graceMs, lookup, store);
  } finally {
    lookup.settle(null);
  }
}

async function lookUpPage(path: string, keys: string[], graceMs: number[], lookup: Lookup, store: RedisStore | undefined): Promise<CachedPage | null> {
  const lookupStarted = performance.now();
  // A Redis refusing writes may hold a page a save could not invalidate: rendered per request meanwhile.
  const read = writesInDoubt() ? ({ ok: false } as const) : await guardedRedis('page cache', (redis) => redis.mget([pageCacheKeys.pageId(path), ...keys]), store);
  if (!read.ok) {
    // Rendered per request while Redis is away; nothing is stored from it.
    countCacheLookup('page', 'miss', true);
    return null;
  }
  const [id = null, ...current] = read.value;
  const entry = id === null ? null : (localCopy(path, id) ?? (await fetchEntry(path, store)));
  if (entry && stillCurrent(entry, current, graceMs)) {
    lookup.settle({ values: current, hit: true });
    lookup.end();
    countCacheLookup('page', 'hit', false);
    // revalidate false: the entry is fresh until its dependencies change (checked here), never by age.
    const timing = `page-cache;desc="HIT";dur=${(performance.now() - lookupStarted).toFixed(1)}`;
    const value = { ...entry.page, headers: { ...entry.page.headers, 'server-timing': timing } };
    return { lastModified: entry.storedAt, value, cacheControl: { revalidate: false, expire: undefined } };
  }
  lookup.settle({ values: current, hit: false });
  countCacheLookup('page', 'miss', false);
  notePending(path, current);
  return null;
}

/**
 * The stored page, read whole: when this process has no copy of the one the id names. Kept as the
 * copy of whatever it is (a newer page may have replaced the one the id named meanwhile; its own
 * dependency values still decide whether it is served).
 */
async function fetchEntry(path: string, store: RedisStore | undefined): Promise<PageEntry | null> {
  const read = await guardedRedis('page cache', (redis) => redis.get(pageCacheKeys.page(path)), store);
  const entry = read.ok && read.value !== null ? decodeEntry(read.value) : null;
  if (entry) keepLocalCopy(path, entry.id, entry, decodedSize(entry));
  return entry;
}

export async function setPage(key: string, data: unknown, store?: RedisStore): Promise<void> {
  const shared = sharedPageOfKey(key);
  if (!shared) return;
  const { path, page } = shared;
  try {
    await storePage(path, page, data, store);
  } finally {
    endLookup(path);
  }
}

async function storePage(path: string, page: SharedPage, data: unknown, store: RedisStore | undefined): Promise<void> {
  const started = takePending(path);
  // Only a page rendered from a known start, fully (no part left out for Redis trouble), and found.
  if (!started || started.uncacheable || !isRenderedPage(data) || (data.status ?? 200) !== 200) return;
  const dependencies = dependenciesOf(page, new Date(started.startedAt));
  if (!followsAStoredSave(started.dependencies, dependencies.graceMs)) return;
  // Lifetimes that end on the clock (trending's hour, a day window) count from when the render began.
  const ttlMs = dependencies.ttlMs - (Date.now() - started.startedAt);
  if (ttlMs <= 0) return;
  const entry: PageEntry = { id: randomUUID(), page: data, storedAt: Date.now(), dependencies: started.dependencies };
  const value = encodeEntry(entry);
  // The page before its id: an id never names a page not yet stored (a reader then reads the older one).
  const stored = await guardedRedis('page cache', async (redis) => {
    await redis.set(pageCacheKeys.page(path), value, { px: ttlMs });
    await redis.set(pageCacheKeys.pageId(path), entry.id, { px: ttlMs });
  }, store);
  if (stored.ok) keepLocalCopy(path, entry.id, entry, decodedSize(entry));
  else log.warn('shared page not stored', { path });
}

/**
 * Whether the render began with at least one generation it follows (grace 0) in Redis. With none, a
 * Redis restarted empty during the render (a save's new token lost with it) reads as it did when the
 * render began, and the render, which may have read an entry from before that save, would be served
 * until decision 041's replay: so it is not kept, and the next render (the entries' tokens claimed by
 * then) is. Fault review "faults", 2026-12-07 night (decision 046's amendment).
 */
function followsAStoredSave(values: (string | null)[], graceMs: number[]): boolean {
  return values.some((value, index) => value !== null && (graceMs[index] ?? 0) === 0);
}

/** Every dependency as stored, or changed within its grace (trending's version only: dependencies.ts). */
function stillCurrent(entry: PageEntry, current: (string | null)[], graceMs: number[]): boolean {
  const age = Date.now() - entry.storedAt;
  return (
    entry.dependencies.length === current.length &&
    entry.dependencies.every((value, index) => value === current[index] || age < (graceMs[index] ?? 0))
  );
}

const REGISTRY = Symbol.for('thali.page-cache');

/** Hands Next's cacheHandler (next-cache-handler.mjs) to this module; called once at server start. */
export function registerPageCache(): void {
  (globalThis as Record<symbol, unknown>)[REGISTRY] = {
    get: (key: string, context: { kind?: string } | undefined) => getPage(key, context?.kind),
    set: (key: string, data: unknown) => setPage(key, data),
  };
}
