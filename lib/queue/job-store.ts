import 'server-only';

import { randomUUID } from 'node:crypto';

import { queueKeys } from './keys';

import { delayedMember } from './delayed-member';
import { resolveQueueDeps, type QueueDeps } from './deps';
import { isQueueName, type JobInput, type QueueName, type StoredJob } from './types';

/**
 * enqueue  HSET job:<id>, then LPUSH ready <id>, or with a delay ZADD delayed <id> due (the
 *          maintenance pass promotes it to ready once due, as it does a retry)
 *
 * A job is a hash (type, payload JSON, attempts…) plus its id in one of the queue's places (ready,
 * processing, delayed, dead). The hash is written first: a crash before the id is written loses a
 * job whose enqueue never returned (the caller sees the error), never one it reported stored. When
 * writing the id fails, the hash is deleted again (best effort: a Redis that refuses that too keeps
 * it, a hash without TTL that nothing reads).
 */

export interface EnqueueOptions {
  /** Run no earlier than this many ms from now (0 or unset: at once). */
  delayMs?: number;
}

export function newJobId(now: number): string {
  // Time first so ids sort roughly by enqueue time; the random part makes them unique.
  return `${now.toString(36)}-${randomUUID().replaceAll('-', '').slice(0, 16)}`;
}

/** The job in a hash read with HGETALL; null when the hash is gone (acknowledged or expired). */
export function parseJob(queue: QueueName, id: string, fields: Record<string, string>): StoredJob | null {
  if (fields.type === undefined) return null;
  let payload: unknown = null;
  try {
    payload = JSON.parse(fields.payload ?? 'null');
  } catch {
    payload = fields.payload;
  }
  return {
    id,
    queue,
    type: fields.type,
    payload,
    ...(fields.idempotencyKey ? { idempotencyKey: fields.idempotencyKey } : {}),
    attempts: Number(fields.attempts ?? 0),
    enqueuedAt: Number(fields.enqueuedAt ?? 0),
    ...(fields.lastError !== undefined ? { lastError: fields.lastError } : {}),
    ...(fields.failedAt !== undefined ? { failedAt: Number(fields.failedAt) } : {}),
  };
}

/** Throws a clear error for input no job can be made of (before anything is written). */
export function validateEnqueue(queue: unknown, input: JobInput, options: EnqueueOptions = {}): void {
  if (!isQueueName(queue)) throw new Error(`unknown queue "${String(queue)}"`);
  if (typeof input?.type !== 'string' || input.type === '') throw new Error('a job needs a type');
  const { delayMs } = options;
  if (delayMs !== undefined && (typeof delayMs !== 'number' || !Number.isFinite(delayMs) || delayMs < 0)) {
    throw new Error(`delayMs must be a finite number of milliseconds, 0 or more (got ${String(delayMs)})`);
  }
}

/** Stores the job, then makes it visible, at once or (with `delayMs`) once due. Returns its id. */
export async function pushJob(queue: QueueName, input: JobInput, deps?: QueueDeps, options: EnqueueOptions = {}): Promise<string> {
  validateEnqueue(queue, input, options);
  const { redis, now } = resolveQueueDeps(deps);
  const at = now();
  const id = newJobId(at);
  await redis.hset(queueKeys.job(queue, id), {
    type: input.type,
    payload: JSON.stringify(input.payload ?? null),
    attempts: '0',
    enqueuedAt: String(at),
    ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
  });
  const delayMs = options.delayMs ?? 0;
  try {
    if (delayMs > 0) await redis.zadd(queueKeys.delayed(queue), [{ member: delayedMember(id, 0), score: at + delayMs }]);
    else await redis.lpush(queueKeys.ready(queue), [id]);
  } catch (error) {
    // The hash alone would be an orphan: no id names it, nothing sweeps it, and it has no TTL. The
    // caller sees the error (the job was never reported stored), so the hash goes. Should the id have
    // reached Redis after all (no answer in time), a worker claiming it finds no hash and drops it.
    await redis.del([queueKeys.job(queue, id)]).catch(() => 0);
    throw error;
  }
  return id;
}
