import 'server-only';

import { QUEUE_DEAD_TTL_MS, queueKeys } from './keys';

import { resolveQueueDeps, type QueueDeps } from './deps';
import type { QueueName } from './types';

/** The admin's two operations on dead letters (audited by lib/queue/admin.ts). */

/** Puts a dead-lettered job back in the queue with a fresh set of attempts. False: not dead-lettered. */
export async function retryDeadJob(queue: QueueName, id: string, deps?: QueueDeps): Promise<boolean> {
  const { redis } = resolveQueueDeps(deps);
  const jobKey = queueKeys.job(queue, id);
  const ids = await redis.lrange(queueKeys.dead(queue), 0, -1);
  if (!ids.includes(id) || (await redis.hget(jobKey, 'type')) === null) return false;
  await redis.hset(jobKey, { attempts: '0' });
  await redis.pexpire(jobKey, QUEUE_DEAD_TTL_MS);
  // Ready first, then out of dead: a crash in between leaves it listed in both, never in neither.
  // Only the oldest entry (dead is newest first): should the job die again in between, its new entry stays.
  await redis.lpush(queueKeys.ready(queue), [id]);
  await redis.lrem(queueKeys.dead(queue), -1, id);
  // The hash keeps its (renewed) 30-day expiry: PERSIST is not in the interface, and deleting and
  // re-creating it would open a window in which a worker finds it gone and drops the job.
  return true;
}

/** Removes a dead-lettered job for good. False: it was not in the dead-letter list. */
export async function discardDeadJob(queue: QueueName, id: string, deps?: QueueDeps): Promise<boolean> {
  const { redis } = resolveQueueDeps(deps);
  const removed = await redis.lrem(queueKeys.dead(queue), 0, id);
  if (removed === 0) return false;
  await redis.del([queueKeys.job(queue, id)]);
  return true;
}
