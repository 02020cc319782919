import 'server-only';

import { eq } from 'drizzle-orm';

import { getDb } from '@/db/client';
import { auditLog } from '@/db/schema';

import { discardDeadJob, retryDeadJob } from './dead-letters';
import { readQueue, type QueueOverview } from './overview';
import { isQueueName, QUEUE_NAMES } from './types';

/**
 * The admin's view of the queues, and its two audited operations on dead letters. Like a cache
 * purge (lib/admin/cache-purge.ts), the audit row is written before Redis is touched, so no retry or
 * discard goes unrecorded, and completed with whether it happened.
 */

export type QueueRead = { ok: true; queues: QueueOverview[] } | { ok: false };

export async function readQueues(): Promise<QueueRead> {
  try {
    return { ok: true, queues: await Promise.all(QUEUE_NAMES.map((queue) => readQueue(queue))) };
  } catch {
    return { ok: false };
  }
}

export type DeadLetterOutcome = { status: 'done' } | { status: 'rejected'; message: string } | { status: 'unavailable' };

const JOB_ID = /^[a-z0-9-]{1,64}$/;

async function audited(
  adminId: number,
  action: 'queue.retry' | 'queue.discard',
  queue: unknown,
  id: unknown,
  run: (queue: (typeof QUEUE_NAMES)[number], id: string) => Promise<boolean>,
): Promise<DeadLetterOutcome> {
  if (!isQueueName(queue) || typeof id !== 'string' || !JOB_ID.test(id)) {
    return { status: 'rejected', message: 'Choose a dead-lettered job.' };
  }
  const [row] = await getDb()
    .insert(auditLog)
    .values({ adminId, action, target: `job:${id}`, changes: { queue, finished: false } })
    .returning({ id: auditLog.id });
  let done: boolean | null;
  try {
    done = await run(queue, id);
  } catch {
    done = null;
  }
  await getDb()
    .update(auditLog)
    .set({ changes: { queue, finished: true, done: done === true, redisReached: done !== null } })
    .where(eq(auditLog.id, row!.id));
  if (done === null) return { status: 'unavailable' };
  return done ? { status: 'done' } : { status: 'rejected', message: 'That job is not in the dead letters any more.' };
}

/** Moves a dead-lettered job back to ready, with a fresh set of attempts. */
export function retryDeadLetter(adminId: number, queue: unknown, id: unknown): Promise<DeadLetterOutcome> {
  return audited(adminId, 'queue.retry', queue, id, (q, job) => retryDeadJob(q, job));
}

/** Deletes a dead-lettered job for good. */
export function discardDeadLetter(adminId: number, queue: unknown, id: unknown): Promise<DeadLetterOutcome> {
  return audited(adminId, 'queue.discard', queue, id, (q, job) => discardDeadJob(q, job));
}
