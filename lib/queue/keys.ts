import { SECOND, DAY, keyPrefix } from '@/lib/redis/keys';

/**
 * Redis keys of the job queue (process.ts lists the steps; lib/redis/keys.ts has the rules). Every key
 * of one queue carries the queue's name as its hash tag, so its lists, sorted sets and job hashes share
 * a Redis Cluster slot (LMOVE between them is legal there). The nudge and recurring-slot keys stand
 * alone (one key per command).
 */

/**
 * How long a "done" marker named by an idempotency key lives: a job enqueued again under that key
 * (a reconciler, a retry of a whole flow) within this time is skipped.
 */
export const QUEUE_DONE_TTL_MS = 7 * DAY;
/**
 * A marker named by the job's own id only covers a redelivery of that job (a crash between the
 * handler and the ack), which the reaper makes within a visibility timeout: a day is ample, and keeps
 * the markers of frequent recurring jobs from piling up for a week.
 */
export const QUEUE_JOB_DONE_TTL_MS = DAY;
/** A dead-lettered job's hash is kept this long for the admin to retry or discard it. */
export const QUEUE_DEAD_TTL_MS = 30 * DAY;
/** At most one after-response nudge drain (lib/queue/api.ts) per this long, across instances. */
export const QUEUE_NUDGE_INTERVAL_MS = SECOND;
/**
 * A recurring job's slot marker outlives its slot by one more period, so an instance whose clock
 * lags a little behind still finds the marker and does not enqueue that slot again.
 */
export function queueRecurringSlotTtlMs(everyMs: number): number {
  return 2 * everyMs;
}

export const queueKeys = {
  /** List of job ids waiting to run: LPUSH on enqueue, claimed from the right (FIFO). */
  ready: (queue: string) => `${keyPrefix()}queue:v1:{${queue}}:ready`,
  /** List of job ids a worker has claimed (LMOVE from ready) and not yet acknowledged. */
  processing: (queue: string) => `${keyPrefix()}queue:v1:{${queue}}:processing`,
  /** Sorted set: claimed job id → lease deadline (ms); the reaper returns expired ones to ready. */
  leases: (queue: string) => `${keyPrefix()}queue:v1:{${queue}}:leases`,
  /** Sorted set: job id → when it is due (ms): a delayed enqueue or a retry; promoted to ready once due. */
  delayed: (queue: string) => `${keyPrefix()}queue:v1:{${queue}}:delayed`,
  /** List of job ids that failed QUEUE_MAX_ATTEMPTS times, newest first. */
  dead: (queue: string) => `${keyPrefix()}queue:v1:{${queue}}:dead`,
  /** Hash of one job: type, payload (JSON), attempts, enqueuedAt, lastError… */
  job: (queue: string, id: string) => `${keyPrefix()}queue:v1:{${queue}}:job:${id}`,
  /** Present once a job's effect (per idempotency key, or job id) has happened (SET NX PX). */
  done: (queue: string, idempotencyKey: string) => `${keyPrefix()}queue:v1:{${queue}}:done:${idempotencyKey}`,
  /** Short lock (SET NX PX) so one process at a time reaps leases and moves due retries. */
  maintenance: (queue: string) => `${keyPrefix()}queue:v1:{${queue}}:maintenance`,
  /** Present for QUEUE_NUDGE_INTERVAL_MS after a nudge drain started (SET NX PX). */
  nudge: () => `${keyPrefix()}queue:v1:nudge`,
  /** Sorted set, the admin's view of finished jobs (finished.ts): `<job id>|<type>` → when it finished (ms). */
  finished: (queue: string) => `${keyPrefix()}queue:v1:{${queue}}:finished`,
  /** Hash: `done` → how many jobs this queue has finished (finished.ts). */
  finishedCount: (queue: string) => `${keyPrefix()}queue:v1:{${queue}}:stats`,
  /** Present once recurring job `name` was enqueued for period number `slot` (SET NX PX, queueRecurringSlotTtlMs). */
  recurringSlot: (name: string, slot: number) => `${keyPrefix()}queue:v1:recurring:${name}:${slot}`,
} as const;
