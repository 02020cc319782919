import 'server-only';

import { QUEUE_DONE_TTL_MS, QUEUE_JOB_DONE_TTL_MS, queueKeys } from './keys';

import { ackJob, claimJob, renewLease, type ClaimedJob } from './claim';
import { recordFinished } from './finished';
import { resolveQueueDeps, type QueueDeps } from './deps';
import { failJob, type FailOutcome } from './failure';
import type { JobHandler, QueueName } from './types';

/**
 * A reliable queue on plain Redis lists, written against the RedisStore interface only, so it works
 * the same on Upstash REST, TCP Redis and the in-process store (tests/integration/queue*.test.ts run
 * it on all three). Delivery is at least once; no step can lose a job. Per queue (keys.ts):
 *
 *   enqueue   HSET job:<id>, then LPUSH ready <id>                                     job-store.ts
 *             (with a delay: ZADD delayed <id>#0 due instead of the LPUSH)
 *   claim     LMOVE ready → processing, then ZADD leases <id> now+visibility           claim.ts
 *             (a worker on TCP or in-process waits with BLMOVE instead of polling)
 *   ack       DEL job:<id>, then LREM processing, then ZREM leases                     claim.ts
 *   release   a claim a stopping worker won't run: RPUSH ready, then LREM, ZREM        claim.ts
 *   retry     ZADD delayed <id>#<attempt> due, then LREM processing, ZREM leases       failure.ts
 *   dead      LPUSH dead <id>, then LREM processing, ZREM leases                       failure.ts
 *   reap      expired lease: RPUSH ready, then LREM processing, ZREM leases            maintenance.ts
 *   promote   due member of delayed: LPUSH ready <id>, then ZREM that member           maintenance.ts
 *   recurring once per period: SET NX on the period's slot key, then enqueue           recurring.ts
 *
 * Every step writes the job's new place before removing the old one: a crash leaves an id delivered
 * twice, never lost; the done marker and the handler's own idempotence make the effect happen once.
 * Why, and what this leaves open: docs/decisions/008-job-queue-on-redis-lists.md and 009.
 *
 * Where jobs run: worker.ts (`npm run worker`, or in-process in embedded mode) claims per queue and
 * runs maintenance on a timer; drain.ts (the cron route, the after-response drain) runs one
 * maintenance pass, then a bounded number of jobs, never waiting on an empty queue.
 */

export type ProcessOutcome =
  | { status: 'idle' }
  | { status: 'done'; jobId: string }
  | { status: 'skipped'; jobId: string }
  | ({ jobId: string } & FailOutcome);

/**
 * Runs a claimed job's handler: skipped (and acknowledged) when its done marker is set, else run,
 * marked done and acknowledged; a throw schedules a retry or dead-letters it.
 */
export async function runClaimedJob(
  queue: QueueName,
  job: ClaimedJob,
  handlers: ReadonlyMap<string, JobHandler>,
  deps?: QueueDeps,
): Promise<Exclude<ProcessOutcome, { status: 'idle' }>> {
  const { redis, config } = resolveQueueDeps(deps);
  const doneKey = queueKeys.done(queue, job.idempotencyKey ?? job.id);
  if ((await redis.get(doneKey)) !== null) {
    await ackJob(queue, job.id, deps);
    return { status: 'skipped', jobId: job.id };
  }
  const handler = handlers.get(job.type);
  const heartbeat = setInterval(
    () => void renewLease(queue, job.id, deps).catch(() => {}),
    Math.max(250, Math.floor(config.visibilityTimeoutMs / 3)),
  );
  heartbeat.unref();
  try {
    if (!handler) throw new Error(`no handler registered for job type "${job.type}"`);
    await handler(job.payload, { jobId: job.id, attempt: job.attempt });
  } catch (error) {
    return { jobId: job.id, ...(await failJob(queue, job, error, deps)) };
  } finally {
    clearInterval(heartbeat);
  }
  await redis.set(doneKey, job.id, { nx: true, px: job.idempotencyKey ? QUEUE_DONE_TTL_MS : QUEUE_JOB_DONE_TTL_MS });
  await ackJob(queue, job.id, deps);
  // For the admin's queue page only: a failure here must not turn a finished job into a retry.
  await recordFinished(redis, queue, job).catch(() => {});
  return { status: 'done', jobId: job.id };
}

/** Claims one ready job (without waiting) and runs it; idle when none is ready. */
export async function processOne(
  queue: QueueName,
  handlers: ReadonlyMap<string, JobHandler>,
  deps?: QueueDeps,
): Promise<ProcessOutcome> {
  const job = await claimJob(queue, deps);
  if (!job) return { status: 'idle' };
  return runClaimedJob(queue, job, handlers, deps);
}
