import 'server-only';

import { isBackendUnavailable } from '@/lib/server/unavailable';

import { QUEUE_DEAD_TTL_MS, queueKeys } from './keys';

import type { ClaimedJob } from './claim';
import { delayedMember } from './delayed-member';
import { resolveQueueDeps, type QueueDeps } from './deps';
import type { QueueName } from './types';

/**
 * retry  ZADD delayed <id>#<attempt> due, then LREM processing, ZREM leases
 * dead   LPUSH dead <id>, then LREM processing, ZREM leases
 */

export const MAX_BACKOFF_MS = 3_600_000;

/** Delay before retry number `attempt` (1: after the first failure): base, 2×base, 4×base…, at most an hour. */
export function backoffMs(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS);
}

/**
 * A job that failed because a backend did not answer (Postgres stopped, restarting or frozen: the
 * API's 503 test, lib/server/unavailable.ts) is not dead-lettered for that until this long after it
 * was enqueued. Its five tries (1, 2, 4, 8 s apart) would otherwise all fall in a 20 s outage, since
 * every try after the first fails at once on a server known silent: every order step due in it went
 * dead and waited for the reconciler (fault review, docs/faults.md).
 */
export const OUTAGE_PATIENCE_MS = 600_000;
/** Meanwhile it is tried again at least this often, so it runs within seconds of the backend answering. */
export const OUTAGE_RETRY_MS = 5_000;

export type FailOutcome = { status: 'retry'; dueAt: number } | { status: 'dead' };

/** The handler failed: schedule a retry with backoff, or dead-letter the job after maxAttempts (an outage's failures: see OUTAGE_PATIENCE_MS). */
export async function failJob(queue: QueueName, job: ClaimedJob, error: unknown, deps?: QueueDeps): Promise<FailOutcome> {
  const { redis, now, config } = resolveQueueDeps(deps);
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 1_000);
  const at = now();
  const jobKey = queueKeys.job(queue, job.id);
  const outage = isBackendUnavailable(error) && at - job.enqueuedAt < OUTAGE_PATIENCE_MS;
  let outcome: FailOutcome;
  if (job.attempt >= config.maxAttempts && !outage) {
    await redis.hset(jobKey, { lastError: message, failedAt: String(at) });
    await redis.lpush(queueKeys.dead(queue), [job.id]);
    await redis.pexpire(jobKey, QUEUE_DEAD_TTL_MS);
    outcome = { status: 'dead' };
  } else {
    const backoff = backoffMs(job.attempt, config.backoffBaseMs);
    const dueAt = at + (outage ? Math.min(backoff, OUTAGE_RETRY_MS) : backoff);
    await redis.hset(jobKey, { lastError: message });
    await redis.zadd(queueKeys.delayed(queue), [{ member: delayedMember(job.id, job.attempt), score: dueAt }]);
    outcome = { status: 'retry', dueAt };
  }
  await redis.lrem(queueKeys.processing(queue), 1, job.id);
  await redis.zrem(queueKeys.leases(queue), [job.id]);
  return outcome;
}
