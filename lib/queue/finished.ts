import 'server-only';

import type { RedisStore } from '@/lib/redis/types';

import { queueKeys } from './keys';
import type { QueueName } from './types';

/**
 * What the queue page shows about finished jobs: how many each queue has finished, and the most
 * recent ones (id, type, when). Bookkeeping only, written after a job's ack and never read by the
 * queue itself, so a failure to write it changes nothing about delivery. Keys beside the queue's own
 * (same hash tag: one Cluster slot per queue).
 */

/** Recent finished jobs kept per queue; older ones are dropped as new ones finish. */
export const FINISHED_KEPT = 50;


export interface FinishedJob {
  id: string;
  type: string;
  finishedAt: number;
}

export async function recordFinished(redis: RedisStore, queue: QueueName, job: { id: string; type: string }, now = Date.now()): Promise<void> {
  const key = queueKeys.finished(queue);
  await redis.zadd(key, [{ member: `${job.id}|${job.type}`, score: now }]);
  await redis.hincrby(queueKeys.finishedCount(queue), 'done', 1);
  const excess = (await redis.zcard(key)) - FINISHED_KEPT;
  if (excess > 0) {
    const oldest = await redis.zrange(key, 0, excess - 1);
    await redis.zrem(
      key,
      oldest.map(({ member }) => member),
    );
  }
}

export async function readFinished(redis: RedisStore, queue: QueueName, listed = 10): Promise<{ total: number; recent: FinishedJob[] }> {
  const [stats, recent] = await Promise.all([
    redis.hget(queueKeys.finishedCount(queue), 'done'),
    redis.zrange(queueKeys.finished(queue), 0, listed - 1, { rev: true }),
  ]);
  return {
    total: Number(stats ?? 0) || 0,
    recent: recent.map(({ member, score }) => {
      const bar = member.lastIndexOf('|');
      return { id: member.slice(0, bar), type: member.slice(bar + 1), finishedAt: score };
    }),
  };
}
