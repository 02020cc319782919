import 'server-only';

import { randomUUID } from 'node:crypto';

import { queueKeys } from './keys';

import { jobIdOfDelayedMember } from './delayed-member';
import { resolveQueueDeps, type QueueDeps } from './deps';
import { enqueueDueRecurringJobs } from './recurring';
import type { QueueName } from './types';

/**
 * reap     for an id in processing whose lease expired: RPUSH ready (claimed next), then LREM
 *          processing, ZREM leases. An id in processing with no lease (its worker died between
 *          LMOVE and ZADD) is given one, and reaped when that expires.
 * promote  for a due member of delayed (a delayed enqueue or a retry): LPUSH ready <id>, then ZREM
 *          that member, which names one scheduling (delayed-member.ts), so a newer retry of the
 *          same job, scheduled in between, stays.
 *
 * The maintenance pass (maintainQueues) does both for each queue, then enqueues the recurring jobs
 * whose period has come (recurring.ts). Workers run it on a timer; the cron route and the
 * after-response drain run it before draining.
 */

export interface MaintenanceReport {
  /** Jobs whose lease expired, returned to ready. */
  reaped: number;
  /** Due delayed jobs (retries included) moved to ready. */
  promoted: number;
}

export interface MaintenancePassReport extends MaintenanceReport {
  /** Recurring jobs enqueued. */
  scheduled: number;
}

/** How many ids one maintenance pass looks at per list (the rest wait for the next pass). */
const MAINTENANCE_BATCH = 500;
const MAINTENANCE_LOCK_MS = 10_000;

/**
 * Returns expired claims and due delayed jobs to ready. Workers, the cron route and the
 * after-response drain all call it; a short lock lets one of them at a time do it (two at once would
 * be safe too, only wasteful: each step is a push before a removal).
 */
export async function maintainQueue(queue: QueueName, deps?: QueueDeps): Promise<MaintenanceReport> {
  const { redis, now, config } = resolveQueueDeps(deps);
  const report: MaintenanceReport = { reaped: 0, promoted: 0 };
  const lockKey = queueKeys.maintenance(queue);
  const token = randomUUID();
  if (!(await redis.set(lockKey, token, { nx: true, px: MAINTENANCE_LOCK_MS }))) return report;
  try {
    const at = now();
    // The oldest claims, whose leases run out first: claims go in at the head (claim.ts), so the tail.
    const processing = await redis.lrange(queueKeys.processing(queue), -MAINTENANCE_BATCH, -1);
    const leases = new Map(
      (await redis.zrange(queueKeys.leases(queue), 0, -1)).map(({ member, score }) => [member, score] as const),
    );
    const inProcessing = new Set(processing);
    for (const id of inProcessing) {
      const deadline = leases.get(id);
      if (deadline === undefined) {
        // Claimed by a worker that died before leasing it (or leased a moment ago, after our read):
        // a fresh lease either way, so a live worker is never reaped early.
        await redis.zadd(queueKeys.leases(queue), [{ member: id, score: at + config.visibilityTimeoutMs }]);
      } else if (deadline <= at) {
        await redis.rpush(queueKeys.ready(queue), [id]);
        await redis.lrem(queueKeys.processing(queue), 1, id);
        await redis.zrem(queueKeys.leases(queue), [id]);
        report.reaped += 1;
      }
    }
    // Leases whose job left processing (a crash inside ack) would otherwise stay forever.
    const stale = [...leases.keys()].filter((id) => !inProcessing.has(id) && (leases.get(id) ?? 0) <= at);
    if (stale.length > 0 && processing.length < MAINTENANCE_BATCH) await redis.zrem(queueKeys.leases(queue), stale);

    const due = (await redis.zrange(queueKeys.delayed(queue), 0, MAINTENANCE_BATCH - 1)).filter(({ score }) => score <= at);
    for (const { member } of due) {
      await redis.lpush(queueKeys.ready(queue), [jobIdOfDelayedMember(member)]);
      await redis.zrem(queueKeys.delayed(queue), [member]);
      report.promoted += 1;
    }
  } finally {
    // Only while it is still ours, in one step (DELIFEQ, decision 001): a pass that outlived its lock
    // may find another process's in its place, which a GET then DEL deleted when it changed hands
    // between the two.
    await redis.delifeq(lockKey, token);
  }
  return report;
}

/** One maintenance pass: each queue's reap and promote, then the recurring jobs that are due. */
export async function maintainQueues(queues: readonly QueueName[], deps?: QueueDeps): Promise<MaintenancePassReport> {
  const total: MaintenancePassReport = { reaped: 0, promoted: 0, scheduled: 0 };
  for (const queue of queues) {
    const { reaped, promoted } = await maintainQueue(queue, deps);
    total.reaped += reaped;
    total.promoted += promoted;
  }
  total.scheduled = await enqueueDueRecurringJobs(deps);
  return total;
}
