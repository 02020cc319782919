import 'server-only';

import { getDb, type Database } from '@/db/client';
import { replaceGeneration } from '@/lib/cache/invalidate';
import { type CounterKey, counterKeys, VIEW_DAY_TTL_MS } from './keys';
import { getRedis } from '@/lib/redis/client';
import type { RedisStore } from '@/lib/redis/types';

import { applyFlushes, pruneFlushLedger, type FlushEntry } from './durable';
import { newFlushId } from './flush-id';
import { asCount, flushingMember, scanCounterKeys } from './live';
import { pruneStaleMarkers } from './markers';

/**
 * Moves live view counts from Redis to Postgres without losing or double-counting one, whichever
 * step a crash interrupts. Per live day bucket:
 *
 *   mark    SADD `<day>:<flushId>` to the restaurant's flushing set (readers find flush keys there)
 *   rename  RENAME the bucket to `…:flush:<flushId>` (same hash tag); new views start a new bucket
 *   read    GET the flush key, which nothing writes to any more
 *   commit  one transaction: ledger row for flushId, and only if it was new, add the views
 *   expire  replace the generation of the restaurant's cached durable totals (durable-cache.ts), so
 *           no reader adds totals that lack these views once the flush key is gone
 *   delete  DEL the flush key, then SREM its marker
 *
 * A rerun finishes leftover flush keys first; the ledger and a random id per key make finishing a
 * key twice add its views once (docs/decisions/006-live-counters.md).
 */

export type FlushStep = 'after-mark' | 'after-rename' | 'after-read' | 'after-commit' | 'after-delete';

/** Thrown by the test-only fault injection, standing in for a crash right after a step. */
export class FlushFault extends Error {
  override name = 'FlushFault';
}

export interface FlushOptions {
  store?: RedisStore;
  db?: Database;
  /** Test-only: stop right after this step, as a killed process would (nothing after it runs). */
  failAt?: FlushStep;
  /** Wall clock, for flush ids and the ages of stale markers and ledger rows. */
  now?: () => number;
}

export interface FlushReport {
  /** Leftover flush keys (from a crashed or concurrent run) finished by this run. */
  recovered: number;
  /** Live buckets this run renamed and applied. */
  flushed: number;
  /** Views added to Postgres by this run. */
  views: number;
}

const BATCH = 200;

interface FlushKey {
  slug: string;
  day: string;
  flushId: string;
}

export async function flushCounters(options: FlushOptions = {}): Promise<FlushReport> {
  const redis = options.store ?? getRedis();
  const db = options.db ?? getDb();
  const now = options.now ?? Date.now;
  const step = (name: FlushStep) => {
    if (options.failAt === name) throw new FlushFault(`flush stopped after ${name.slice('after-'.length)}`);
  };
  const report: FlushReport = { recovered: 0, flushed: 0, views: 0 };

  const found = await collectKeys(redis);
  const leftovers = found.filter((key): key is Extract<CounterKey, { kind: 'flush' }> => key.kind === 'flush');
  for (const batch of chunk(leftovers)) {
    report.views += await finish(redis, db, batch, step);
    report.recovered += batch.length;
  }

  const live = found.filter((key): key is Extract<CounterKey, { kind: 'day' }> => key.kind === 'day');
  for (const batch of chunk(live)) {
    const claimed = await claim(redis, batch, now(), step);
    report.views += await finish(redis, db, claimed, step);
    report.flushed += claimed.length;
  }

  const markerSets = found.filter((key) => key.kind === 'flushing').map((key) => key.slug);
  await pruneStaleMarkers(redis, markerSets, now());
  await pruneFlushLedger(db, now());
  return report;
}

/** mark + rename: returns the buckets this run now owns as flush keys. */
async function claim(
  redis: RedisStore,
  buckets: readonly { slug: string; day: string }[],
  now: number,
  step: (name: FlushStep) => void,
): Promise<FlushKey[]> {
  const keys = buckets.map(({ slug, day }) => ({ slug, day, flushId: newFlushId(now) }));
  await Promise.all(
    [...groupBySlug(keys)].map(async ([slug, members]) => {
      await redis.sadd(counterKeys.viewsFlushing(slug), members.map((key) => flushingMember(key.day, key.flushId)));
      await redis.pexpire(counterKeys.viewsFlushing(slug), VIEW_DAY_TTL_MS);
    }),
  );
  step('after-mark');

  const renamed = await Promise.all(
    keys.map(async ({ slug, day, flushId }) => {
      try {
        await redis.rename(counterKeys.viewsDay(slug, day), counterKeys.viewsFlush(slug, day, flushId));
        return true;
      } catch (error) {
        // Another instance renamed it first (or it expired): nothing of ours to flush.
        if (error instanceof Error && /no such key/i.test(error.message)) return false;
        throw error;
      }
    }),
  );
  await unmark(redis, keys.filter((_, index) => !renamed[index]));
  step('after-rename');
  return keys.filter((_, index) => renamed[index]);
}

/** read + commit + delete for flush keys; returns the views Postgres did not have yet. */
async function finish(
  redis: RedisStore,
  db: Database,
  keys: readonly FlushKey[],
  step: (name: FlushStep) => void,
): Promise<number> {
  if (keys.length === 0) return 0;
  const names = keys.map(({ slug, day, flushId }) => counterKeys.viewsFlush(slug, day, flushId));
  const values = await Promise.all(names.map((name) => redis.get(name)));
  step('after-read');

  const entries: FlushEntry[] = keys.map(({ slug, day, flushId }, index) => ({
    slug,
    day,
    flushId,
    views: asCount(values[index] ?? null),
  }));
  const added = await applyFlushes(db, entries);
  step('after-commit');

  // Unguarded: if Redis fails here the flush keys stay, and the next run expires them before deleting.
  await Promise.all([...groupBySlug(keys).keys()].map((slug) => replaceGeneration(redis, counterKeys.viewsDurable(slug))));

  // One key per DEL: flush keys of different restaurants live in different cluster slots.
  await Promise.all(names.map((name) => redis.del([name])));
  step('after-delete');
  await unmark(redis, keys);
  return added;
}

async function unmark(redis: RedisStore, keys: readonly FlushKey[]): Promise<void> {
  await Promise.all(
    [...groupBySlug(keys)].map(([slug, members]) =>
      redis.srem(counterKeys.viewsFlushing(slug), members.map((key) => flushingMember(key.day, key.flushId))),
    ),
  );
}

async function collectKeys(redis: RedisStore): Promise<CounterKey[]> {
  // SCAN may return a key twice; a full walk first, so renames made by this run are not walked into.
  const seen = new Map<string, CounterKey>();
  let cursor = '0';
  do {
    const page = await scanCounterKeys(redis, cursor);
    for (const key of page.keys) seen.set(JSON.stringify(key), key);
    cursor = page.cursor;
  } while (cursor !== '0');
  return [...seen.values()];
}

function groupBySlug(keys: readonly FlushKey[]): Map<string, FlushKey[]> {
  const groups = new Map<string, FlushKey[]>();
  for (const key of keys) groups.set(key.slug, [...(groups.get(key.slug) ?? []), key]);
  return groups;
}

function chunk<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}
