import 'server-only';

import { and, asc, gt, inArray, isNull } from 'drizzle-orm';

import { getDb, type Database } from '@/db/client';
import { cacheInvalidations } from '@/db/schema';
import { log } from '@/lib/log';
import { noteRefusedWrite } from '@/lib/redis/refused-writes';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';

import { invalidate } from './invalidate';
import { raiseWatermark } from './outbox-watermark';

declare module '@/lib/server/singletons' {
  interface ProcessSingletons {
    /** The invalidation outbox's drain in progress. */
    outboxDrain?: Promise<DrainReport>;
  }
}

/**
 * The invalidation outbox (docs/decisions/018-invalidation-outbox.md). A change records what it must
 * invalidate in the same transaction as itself (recordInvalidation), so a commit can never lose its
 * invalidation. Right after the commit the change applies its own row (applyCommitted), as before
 * the outbox; whatever Redis did not take stays pending and is applied again by drainPending (every
 * second by the process that made it, by the worker, the cron route and later saves: outbox-retry.ts)
 * until it has been. Customers' reads never look here: they only ever see Redis.
 */

export interface PendingInvalidation {
  id: number;
  keys: string[];
}

export interface InvalidationOutcome {
  /** The entry keys the change invalidates. */
  keys: string[];
  /** True once Redis took every key; false: still pending, retried until it has been. */
  ok: boolean;
}

/** Inside the change's transaction: the keys it must invalidate, for its audit entry (if any). */
export async function recordInvalidation(tx: Database, keys: readonly string[], auditId: number | null): Promise<PendingInvalidation> {
  const unique = [...new Set(keys)];
  const [row] = await tx.insert(cacheInvalidations).values({ auditId, keys: unique }).returning({ id: cacheInvalidations.id });
  return { id: row!.id, keys: unique };
}

export interface Applied {
  /** The rows whose every key Redis took. */
  taken: Set<number>;
  /** False when they could not be marked applied in Postgres: they stay pending, to be applied again. */
  marked: boolean;
}

/**
 * Invalidates each row's keys in Redis and marks the rows Redis fully took as applied. A row whose
 * keys were invalidated but whose mark failed (Postgres) is simply applied again later: replacing a
 * generation twice costs one extra miss.
 */
export async function applyInvalidations(
  rows: readonly PendingInvalidation[],
  options: { db?: Database; store?: RedisStore } = {},
): Promise<Applied> {
  const results = await Promise.all(rows.map(async (row) => ({ id: row.id, ok: (await invalidate(row.keys, options.store)).ok })));
  const taken = new Set(results.filter((result) => result.ok).map((result) => result.id));
  // What Redis still holds of these keys predates the save: this process reads Postgres meanwhile.
  if (taken.size < rows.length) noteRefusedWrite();
  if (taken.size === 0) return { taken, marked: true };
  try {
    await (options.db ?? getDb())
      .update(cacheInvalidations)
      .set({ appliedAt: new Date() })
      .where(and(inArray(cacheInvalidations.id, [...taken]), isNull(cacheInvalidations.appliedAt)));
    // Redis's note of what it took, so a Redis that later loses these writes is noticed (outbox-watermark.ts).
    await raiseWatermark(taken, options);
    return { taken, marked: true };
  } catch (error) {
    log.warn('cache invalidated, but not yet marked so in Postgres; it will be applied again', {
      error: error instanceof Error ? error.message : String(error),
    });
    return { taken, marked: false };
  }
}

/** Rows applied per drain step; a drain goes on until none is pending or Redis refuses one. */
const DRAIN_BATCH = 100;

export interface DrainReport {
  applied: number;
  /** Rows still pending when the drain stopped (at least; it stops at the first batch Redis refused). */
  pending: number;
}

/**
 * Applies pending rows, oldest first, until none is left or Redis refuses one. One drain at a time per
 * process: concurrent callers (the retry timer, an after-response retry, a save) share it.
 */
export function drainPending(options: { db?: Database; store?: RedisStore } = {}): Promise<DrainReport> {
  const shared = singletons();
  shared.outboxDrain ??= drainOnce(options).finally(() => {
    shared.outboxDrain = undefined;
  });
  return shared.outboxDrain;
}

async function drainOnce(options: { db?: Database; store?: RedisStore }): Promise<DrainReport> {
  const db = options.db ?? getDb();
  const report: DrainReport = { applied: 0, pending: 0 };
  let after = 0;
  for (;;) {
    const batch = await db
      .select({ id: cacheInvalidations.id, keys: cacheInvalidations.keys })
      .from(cacheInvalidations)
      .where(and(isNull(cacheInvalidations.appliedAt), gt(cacheInvalidations.id, after)))
      .orderBy(asc(cacheInvalidations.id))
      .limit(DRAIN_BATCH);
    if (batch.length === 0) return report;
    const { taken, marked } = await applyInvalidations(batch, { db, store: options.store });
    report.applied += marked ? taken.size : 0;
    if (!marked || taken.size < batch.length) {
      report.pending += batch.length - (marked ? taken.size : 0);
      return report;
    }
    after = batch.at(-1)!.id;
  }
}
