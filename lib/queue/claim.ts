import 'server-only';

import { queueKeys } from './keys';

import { resolveQueueDeps, type QueueDeps } from './deps';
import { parseJob } from './job-store';
import type { QueueName, StoredJob } from './types';

/**
 * claim    LMOVE ready → processing (one atomic command: a job is in one list or the other), then
 *          ZADD leases <id> now+visibility. The worker renews the lease while the handler runs.
 *          Where the store can block (BLMOVE: TCP, in-process) a worker waits on the ready list
 *          instead of polling it; over REST it polls LMOVE.
 * ack      DEL job:<id>, then LREM processing, then ZREM leases
 * release  a claim nobody will run (its worker is stopping): RPUSH ready (claimed next), then
 *          LREM processing, ZREM leases. Like a reaped claim, it has counted as an attempt.
 */

export interface ClaimedJob extends StoredJob {
  /** The delivery this claim is (attempts after the claim). */
  attempt: number;
}

export interface ClaimOptions {
  /**
   * Wait up to this long for a job when none is ready (BLMOVE), on stores that can block; others
   * answer at once. 0 or unset: never wait.
   */
  blockMs?: number;
}

/** Claims the oldest ready job: moves it to processing and leases it. Null when none is ready. */
export async function claimJob(queue: QueueName, deps?: QueueDeps, options: ClaimOptions = {}): Promise<ClaimedJob | null> {
  const { redis, now, config } = resolveQueueDeps(deps);
  // BLMOVE takes whole milliseconds, at least one.
  let blockMs = options.blockMs ? Math.max(1, Math.ceil(options.blockMs)) : 0;
  for (;;) {
    const ready = queueKeys.ready(queue);
    const processing = queueKeys.processing(queue);
    const id =
      blockMs > 0 && redis.blmove
        ? await redis.blmove(ready, processing, 'RIGHT', 'LEFT', blockMs)
        : await redis.lmove(ready, processing, 'RIGHT', 'LEFT');
    // Waited once: a dropped duplicate below is followed by a plain look, so the wait stays bounded.
    blockMs = 0;
    if (id === null) return null;
    await redis.zadd(queueKeys.leases(queue), [{ member: id, score: now() + config.visibilityTimeoutMs }]);
    const job = parseJob(queue, id, await redis.hgetall(queueKeys.job(queue, id)));
    if (!job) {
      // Acknowledged already (a duplicate delivery of a finished job): drop this copy.
      await redis.lrem(queueKeys.processing(queue), 1, id);
      await redis.zrem(queueKeys.leases(queue), [id]);
      continue;
    }
    const attempt = await redis.hincrby(queueKeys.job(queue, id), 'attempts', 1);
    return { ...job, attempts: attempt, attempt };
  }
}

/** Pushes the claimed job's lease deadline out again; the worker calls it while the handler runs. */
export async function renewLease(queue: QueueName, id: string, deps?: QueueDeps): Promise<void> {
  const { redis, now, config } = resolveQueueDeps(deps);
  await redis.zadd(queueKeys.leases(queue), [{ member: id, score: now() + config.visibilityTimeoutMs }]);
}

/** The job is done: forget it. */
export async function ackJob(queue: QueueName, id: string, deps?: QueueDeps): Promise<void> {
  const { redis } = resolveQueueDeps(deps);
  await redis.del([queueKeys.job(queue, id)]);
  await redis.lrem(queueKeys.processing(queue), 1, id);
  await redis.zrem(queueKeys.leases(queue), [id]);
}

/**
 * Hands a claimed job back unrun (its worker is stopping): to the head of ready first, then out of
 * processing, so a crash in between delivers it twice, never loses it.
 */
export async function releaseJob(queue: QueueName, id: string, deps?: QueueDeps): Promise<void> {
  const { redis } = resolveQueueDeps(deps);
  await redis.rpush(queueKeys.ready(queue), [id]);
  await redis.lrem(queueKeys.processing(queue), 1, id);
  await redis.zrem(queueKeys.leases(queue), [id]);
}
