import 'server-only';

import { eq } from 'drizzle-orm';

import { getDb } from '@/db/client';
import { auditLog, restaurants } from '@/db/schema';
import { type CacheNamespace, generationKey, isGenerationKey, keys } from '@/lib/cache/keys';
import { recordInvalidation } from '@/lib/cache/outbox';
import { applyCommitted } from '@/lib/cache/outbox-retry';
import { outboxTransaction } from '@/lib/cache/outbox-transaction';
import { guardedRedis } from '@/lib/redis/guard';

import { cacheNamespaceOfKey, isCacheNamespace, roleOf } from './cache-inspect';

/**
 * Purging from the admin, one key or a whole cache namespace. A purge is an invalidation, not a DEL:
 * an entry's generation token is rotated and the entry dropped (invalidate.ts), exactly as after a
 * save, so a reader that loaded before the purge can't put its copy back as current.
 *
 * Generation keys (`…:gen`) are never deleted here. With the token gone, the next reader finds none
 * and claims a fresh one (SET NX) after its Postgres load; a reader that loaded *before* a save and
 * finishes after it would then store its stale menu under that fresh, current token, and it would be
 * served until its TTL. Rotating instead of deleting keeps every earlier load's token outdated.
 *
 * Every purge is audited: the row is written before Redis is touched, so no purge goes unrecorded
 * if Postgres fails, and completed afterwards with what was purged. The entries go through the
 * invalidation outbox, as a save's do (lib/cache/outbox.ts): what Redis does not take at once is
 * retried until it has been, and the audit log shows when each key really was. Each batch's row is written
 * in a transaction of its own (lib/cache/outbox-transaction.ts), as a save's, so one whose COMMIT went
 * unanswered is still applied.
 */

export interface Actor {
  adminId: number;
}

export type PurgeOutcome =
  | {
      status: 'purged';
      /** What was purged: keys (first MAX_LISTED of them) and how many in all. */
      keys: string[];
      total: number;
      /** Generation keys found and deliberately kept. */
      generationsKept: number;
      /** False when Redis did not take some or all of it at once: the rest is retried (the outbox). */
      ok: boolean;
      /** False when a namespace purge stopped at its bound before the end of the SCAN. */
      complete: boolean;
    }
  | { status: 'rejected'; message: string }
  /** Redis did not answer before anything was done; nothing was purged or audited. */
  | { status: 'unavailable'; message: string };

type Purged = Extract<PurgeOutcome, { status: 'purged' }>;

const MAX_KEY_LENGTH = 1_024;
/** Keys listed in the audit row and the admin's answer; the total is always recorded. */
export const MAX_LISTED = 200;

/** Postgres failed after the purge's audit row was written: some keys may have been purged already. */
export class PurgeInterruptedError extends Error {
  override name = 'PurgeInterruptedError';
}

/** Runs the part of a purge that follows its audit row, so a failure there is not reported as "nothing purged". */
async function afterAuditStarted<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new PurgeInterruptedError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}
const SCAN_COUNT = 500;
const INVALIDATE_BATCH = 100;
const NAMESPACE_BUDGET_MS = 30_000;

async function restaurantIdOf(key: string): Promise<number | null> {
  const tag = /\{([^{}]*)\}/.exec(key)?.[1];
  if (tag === undefined || keys.restaurantMenu(tag) !== key) return null;
  const [row] = await getDb().select({ id: restaurants.id }).from(restaurants).where(eq(restaurants.slug, tag));
  return row?.id ?? null;
}

async function startAudit(actor: Actor, target: string, restaurantId: number | null, changes: Record<string, unknown>): Promise<number> {
  const [row] = await getDb()
    .insert(auditLog)
    .values({ adminId: actor.adminId, action: 'cache.purge', restaurantId, target, changes: { ...changes, finished: false } })
    .returning({ id: auditLog.id });
  return row!.id;
}

async function finishAudit(id: number, outcome: Purged, changes: Record<string, unknown>): Promise<void> {
  await getDb()
    .update(auditLog)
    .set({
      invalidatedKeys: outcome.keys,
      changes: {
        ...changes,
        finished: true,
        purged: outcome.total,
        generationsKept: outcome.generationsKept,
        redisReached: outcome.ok,
        complete: outcome.complete,
      },
    })
    .where(eq(auditLog.id, id));
}

/** Entries are invalidated through the outbox; a key the app no longer reads (an old key version) is simply deleted. */
async function purgeBatch(batch: readonly string[], auditId: number): Promise<boolean> {
  const entries = batch.filter((key) => roleOf(key) === 'entry');
  const others = batch.filter((key) => roleOf(key) === 'other');
  let ok = true;
  for (let i = 0; i < entries.length; i += INVALIDATE_BATCH) {
    const slice = entries.slice(i, i + INVALIDATE_BATCH);
    // A transaction, as a save's, not a lone INSERT: one sent to a frozen Postgres ran at the thaw after
    // the purge had given up on it, and nothing applied that row. A transaction rolls back when its
    // BEGIN went unanswered, and one whose COMMIT went unanswered is retried from here.
    const pending = await outboxTransaction((tx) => recordInvalidation(tx, slice, auditId));
    ok = (await applyCommitted(pending)).ok && ok;
  }
  if (others.length > 0) {
    ok = (await guardedRedis('purge', (redis) => redis.del(others), undefined, { bypassBreaker: true })).ok && ok;
  }
  return ok;
}

export async function purgeKey(actor: Actor, key: unknown): Promise<PurgeOutcome> {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
    return { status: 'rejected', message: 'Choose a key to purge.' };
  }
  const namespace = cacheNamespaceOfKey(key);
  // The key is not echoed back: outside the cache namespaces a key name can carry a token.
  if (!namespace) return { status: 'rejected', message: 'Only keys in a cache namespace can be purged here.' };
  if (isGenerationKey(key)) {
    return { status: 'rejected', message: 'Generation keys are never deleted: purge the entry beside it, which rotates its generation.' };
  }

  // Rotating the generation of a key nobody cached would leave a marker without a TTL behind.
  const present = await guardedRedis('exists', (redis) => redis.exists([key, generationKey(key)]), undefined, { bypassBreaker: true });
  if (!present.ok) return { status: 'unavailable', message: 'Redis could not be reached: nothing was purged.' };
  if (present.value === 0) return { status: 'rejected', message: 'That key is not in Redis any more: it has expired or was purged already.' };

  const changes = { scope: 'key', namespace };
  const auditId = await startAudit(actor, key, await restaurantIdOf(key), changes);
  return afterAuditStarted(async () => {
    const ok = await purgeBatch([key], auditId);
    const outcome: Purged = { status: 'purged', keys: [key], total: 1, generationsKept: 0, ok, complete: true };
    await finishAudit(auditId, outcome, changes);
    return outcome;
  });
}

export async function purgeNamespace(actor: Actor, namespace: unknown): Promise<PurgeOutcome> {
  if (!isCacheNamespace(namespace)) return { status: 'rejected', message: 'Only a cache namespace can be purged here.' };

  const changes = { scope: 'namespace', namespace };
  const auditId = await startAudit(actor, `namespace:${namespace}`, null, changes);
  return afterAuditStarted(async () => {
    const outcome = await purgeAll(namespace, auditId);
    await finishAudit(auditId, outcome, changes);
    return outcome;
  });
}

async function purgeAll(namespace: CacheNamespace, auditId: number): Promise<Purged> {
  const started = performance.now();
  const match = keys.namespacePattern(namespace);
  const purged = new Set<string>();
  const kept = new Set<string>();
  let ok = true;
  let complete = false;
  let cursor = '0';
  while (performance.now() - started < NAMESPACE_BUDGET_MS) {
    const step = await guardedRedis('scan', (redis) => redis.scan(cursor, { match, count: SCAN_COUNT }), undefined, { bypassBreaker: true });
    if (!step.ok) {
      ok = false;
      break;
    }
    // SCAN can return a key twice; purging it twice would be harmless but miscounted.
    const fresh = step.value.keys.filter((key) => !purged.has(key) && !isGenerationKey(key));
    step.value.keys.filter(isGenerationKey).forEach((key) => kept.add(key));
    fresh.forEach((key) => purged.add(key));
    if (fresh.length > 0) ok = (await purgeBatch(fresh, auditId)) && ok;
    cursor = step.value.cursor;
    if (cursor === '0') {
      complete = true;
      break;
    }
  }

  const all = [...purged];
  return { status: 'purged', keys: all.slice(0, MAX_LISTED), total: all.length, generationsKept: kept.size, ok, complete };
}
