import 'server-only';

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

export type FailOutcome = { status: 'retry'; dueAt: number } | { status: 'dead' };

/** The handler failed: schedule a retry with backoff, or dead-letter the job after maxAttempts. */
export async function failJob(queue: QueueName, job: ClaimedJob, error: unknown, deps?: QueueDeps): Promise<FailOutcome> {
  const { redis, now, config } = resolveQueueDeps(deps);
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 1_000);
  const at = now();
  const jobKey = queueKeys.job(queue, job.id);
  let outcome: FailOutcome;
  if (job.attempt >= config.maxAttempts) {
    await redis.hset(jobKey, { lastError: message, failedAt: String(at) });
    await redis.lpush(queueKeys.dead(queue), [job.id]);
    await redis.pexpire(jobKey, QUEUE_DEAD_TTL_MS);
    outcome = { status: 'dead' };
  } else {
    const dueAt = at + backoffMs(job.attempt, config.backoffBaseMs);
    await redis.hset(jobKey, { lastError: message });
    await redis.zadd(queueKeys.delayed(queue), [{ member: delayedMember(job.id, job.attempt), score: dueAt }]);
    outcome = { status: 'retry', dueAt };
  }
  await redis.lrem(queueKeys.processing(queue), 1, job.id);
  await redis.zrem(queueKeys.leases(queue), [job.id]);
  return outcome;
}
