import 'server-only';

import { queueKeys } from './keys';

import { resolveQueueDeps, type QueueDeps } from './deps';
import { readFinished, type FinishedJob } from './finished';
import { parseJob } from './job-store';
import type { QueueName, StoredJob } from './types';

/** One queue as the admin sees it (lib/queue/admin.ts): read-only, a bounded number of ids listed. */

export interface QueueOverview {
  queue: QueueName;
  ready: number;
  inFlight: { id: string; type: string | null; attempts: number; leaseDeadline: number | null }[];
  inFlightTotal: number;
  delayed: number;
  dead: StoredJob[];
  deadTotal: number;
  /** Dead-letter ids whose job hash has expired (shown so they can be discarded). */
  deadMissing: string[];
  /** Jobs finished since the queue's stats began, and the most recent of them. */
  finishedTotal: number;
  finished: FinishedJob[];
}

const LISTED = 50;

export async function readQueue(queue: QueueName, deps?: QueueDeps): Promise<QueueOverview> {
  const { redis } = resolveQueueDeps(deps);
  const [ready, inFlightTotal, delayed, deadTotal, processing, deadIds, leases, finished] = await Promise.all([
    redis.llen(queueKeys.ready(queue)),
    redis.llen(queueKeys.processing(queue)),
    redis.zcard(queueKeys.delayed(queue)),
    redis.llen(queueKeys.dead(queue)),
    redis.lrange(queueKeys.processing(queue), 0, LISTED - 1),
    redis.lrange(queueKeys.dead(queue), 0, LISTED - 1),
    redis.zrange(queueKeys.leases(queue), 0, -1),
    readFinished(redis, queue),
  ]);
  const deadlines = new Map(leases.map(({ member, score }) => [member, score] as const));
  const inFlight = await Promise.all(
    processing.map(async (id) => {
      const job = parseJob(queue, id, await redis.hgetall(queueKeys.job(queue, id)));
      return { id, type: job?.type ?? null, attempts: job?.attempts ?? 0, leaseDeadline: deadlines.get(id) ?? null };
    }),
  );
  const uniqueDead = [...new Set(deadIds)];
  const deadJobs = await Promise.all(uniqueDead.map(async (id) => parseJob(queue, id, await redis.hgetall(queueKeys.job(queue, id)))));
  return {
    queue,
    ready,
    inFlight,
    inFlightTotal,
    delayed,
    dead: deadJobs.filter((job): job is StoredJob => job !== null),
    deadTotal,
    deadMissing: uniqueDead.filter((_, index) => deadJobs[index] === null),
    finishedTotal: finished.total,
    finished: finished.recent,
  };
}
