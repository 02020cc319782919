import 'server-only';

import { and, desc, gt, isNotNull } from 'drizzle-orm';

import { getDb, type Database } from '@/db/client';
import { cacheInvalidations } from '@/db/schema';
import { log } from '@/lib/log';
import { guardedRedis } from '@/lib/redis/guard';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';

import { invalidate } from './invalidate';
import { cacheTtlMs } from './keys';
import { outboxKeys } from './outbox-keys';

declare module '@/lib/server/singletons' {
  interface ProcessSingletons {
    /** The highest outbox row this process knows was applied, and its check of Redis's copy in progress. */
    outboxWatermark?: number;
    outboxWatermarkCheck?: Promise<unknown>;
  }
}

/**
 * Invalidations Redis acknowledged and then lost (docs/decisions/041-invalidations-lost-by-redis.md):
 * a failover to a replica that had not received them, a restart from an older snapshot. The entry
 * and its generation token roll back together, so the old value is a HIT again for the rest of its
 * TTL, and the outbox row is already marked applied. So Redis keeps a watermark, the highest outbox
 * row it took; every process remembers the highest it knows was applied. A watermark below that
 * (or gone) means Redis lost writes: the rows applied within the longest cache TTL are applied again.
 * The check costs one Redis GET; Postgres is read only at a process's first check and after a loss.
 */

/** How often each server checks (lib/server/startup.ts); also after every outbox drain. */
export const WATERMARK_CHECK_MS = 2_000;
/** The most rows one replay applies again, newest first (each is one save's few keys). */
const REPLAY_LIMIT = 500;

/** Applied rows older than this have no entry left to protect: every entry they rotated has expired since. */
function replayWindowMs(): number {
  return Math.ceil(cacheTtlMs() * 1.1) + 60_000;
}

/**
 * After rows were applied and marked: Redis's watermark (and this process's) moves up to them. A
 * watermark already below what this process knew means Redis lost writes since its last check;
 * raised over that gap, no check would ever see it (a save's outbox retry lands within a second of a
 * failover, before the next check), so what it lost is applied again first. Never throws.
 */
export async function raiseWatermark(appliedIds: Iterable<number>, options: { db?: Database; store?: RedisStore } = {}): Promise<void> {
  const ids = [...appliedIds];
  const known = singletons().outboxWatermark;
  const inRedis = await readWatermark(options.store);
  if (known !== undefined && inRedis !== undefined && (inRedis ?? 0) < known) {
    noteKnown(ids);
    await checkWatermark(options);
    return;
  }
  // Never below what Redis holds: another process may have applied a later row first (its save reached
  // Redis before this one's), and lowering the watermark under it made that process replay its rows
  // and report a loss that never happened. A GET then SET, so two raises at once can still cross.
  await setWatermark(noteKnown(inRedis ? [...ids, inRedis] : ids), options.store);
}

/** This process's watermark, raised to `ids`: the value Redis's should have. */
function noteKnown(ids: readonly number[]): number {
  const shared = singletons();
  shared.outboxWatermark = Math.max(shared.outboxWatermark ?? 0, ...ids);
  return shared.outboxWatermark;
}

async function setWatermark(highest: number, store: RedisStore | undefined): Promise<void> {
  await guardedRedis('outbox-watermark', (redis) => redis.set(outboxKeys.watermark(), String(highest)), store, { bypassBreaker: true });
}

/** Redis's watermark: null when it has none, undefined when Redis did not answer. */
async function readWatermark(store: RedisStore | undefined): Promise<number | null | undefined> {
  const read = await guardedRedis('outbox-watermark', (redis) => redis.get(outboxKeys.watermark()), store, { bypassBreaker: true });
  if (!read.ok) return undefined;
  return read.value === null ? null : Number(read.value) || 0;
}

export type WatermarkCheck = 'ok' | 'replayed' | 'unavailable';

/** Compares Redis's watermark with what this process knows and replays what Redis lost. One at a time per process. */
export function checkWatermark(options: { db?: Database; store?: RedisStore } = {}): Promise<WatermarkCheck> {
  const shared = singletons();
  shared.outboxWatermarkCheck ??= checkOnce(options)
    .catch((error: unknown) => {
      // Postgres did not answer: the next check tries again.
      log.warn('outbox watermark check failed', { error: error instanceof Error ? error.message : String(error) });
      return 'unavailable' as const;
    })
    .finally(() => {
      shared.outboxWatermarkCheck = undefined;
    });
  return shared.outboxWatermarkCheck as Promise<WatermarkCheck>;
}

async function checkOnce({ db = getDb(), store }: { db?: Database; store?: RedisStore }): Promise<WatermarkCheck> {
  const shared = singletons();
  const inRedis = await readWatermark(store);
  if (inRedis === undefined) return 'unavailable';
  const since = new Date(Date.now() - replayWindowMs());
  const recent = and(isNotNull(cacheInvalidations.appliedAt), gt(cacheInvalidations.appliedAt, since));
  if (shared.outboxWatermark === undefined) {
    const [latest] = await db.select({ id: cacheInvalidations.id }).from(cacheInvalidations).where(recent).orderBy(desc(cacheInvalidations.id)).limit(1);
    shared.outboxWatermark = Math.max(shared.outboxWatermark ?? 0, latest?.id ?? 0);
  }
  const known = shared.outboxWatermark;
  if (inRedis !== null && inRedis >= known) {
    shared.outboxWatermark = inRedis;
    return 'ok';
  }

  const rows = await db
    .select({ id: cacheInvalidations.id, keys: cacheInvalidations.keys })
    .from(cacheInvalidations)
    .where(and(recent, gt(cacheInvalidations.id, inRedis ?? 0)))
    .orderBy(desc(cacheInvalidations.id))
    .limit(REPLAY_LIMIT);
  const results = await Promise.all(rows.map((row) => invalidate(row.keys, store)));
  if (results.some((result) => !result.ok)) return 'unavailable';
  if (rows.length > 0) log.warn('redis lost cache invalidations it had taken; applied them again', { rows: rows.length, redisWatermark: inRedis ?? 'none', known });
  await setWatermark(noteKnown([known, ...rows.map((row) => row.id)]), store);
  return 'replayed';
}

/** Each server process: checks every WATERMARK_CHECK_MS in the background. Returns a stop function. */
export function watchForLostInvalidations(): () => void {
  const timer = setInterval(() => void checkWatermark(), WATERMARK_CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
