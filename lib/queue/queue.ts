import 'server-only';

import { randomUUID } from 'node:crypto';

import { QUEUE_DEAD_TTL_MS, QUEUE_DONE_TTL_MS, queueKeys } from '@/lib/cache/keys';
import { getEnv } from '@/lib/env';
import { getRedis } from '@/lib/redis/client';
import type { RedisStore } from '@/lib/redis/types';

import type { JobHandler, JobInput, QueueName, StoredJob } from './types';

/**
 * A reliable queue on plain Redis lists, written against the RedisStore interface only, so it works
 * the same on Upstash REST, TCP Redis and the in-process store (tests/integration/queue.test.ts runs
 * it on all three). Delivery is at least once; no step can lose a job. Per queue (keys.ts):
 *
 *   enqueue   HSET job:<id>, then LPUSH ready <id>
 *   claim     LMOVE ready → processing (one atomic command: a job is in one list or the other), then
 *             ZADD leases <id> now+visibility. The worker renews the lease while the handler runs.
 *   ack       DEL job:<id>, then LREM processing, then ZREM leases
 *   retry     ZADD delayed <id> due, then LREM processing, ZREM leases
 *   dead      LPUSH dead <id>, then LREM processing, ZREM leases
 *   reap      for an id in processing whose lease expired: RPUSH ready (claimed next), then LREM
 *             processing, ZREM leases. An id in processing with no lease (its worker died between
 *             LMOVE and ZADD) is given one, and reaped when that expires.
 *   promote   for a due id in delayed: LPUSH ready, then ZREM delayed
 *
 * Every multi-command step writes the job's new place before removing the old one, so a crash
 * between two commands leaves the id in two places (delivered twice), never in none (lost). A claim
 * that finds its job hash gone drops the id: the job was acknowledged already. Duplicates are
 * absorbed by the "done" marker (SET NX per idempotency key, checked before the handler runs and set
 * after it succeeds) and, for the one window the marker cannot cover (a crash after the handler's
 * effect and before the marker), by the handler's own idempotence: its effect must be keyed by the
 * job (an upsert, a Postgres unique key). Together: every job's effect happens exactly once.
 *
 * Not covered: a worker that stalls (not crashes) for longer than the visibility timeout without
 * renewing its lease gets its job reaped and run elsewhere too; its late ack can then remove the
 * other claim's processing entry. The lease renewal every third of the timeout makes that need a
 * stall of the whole event loop; the handler's idempotence still keeps the effect single.
 */

export interface QueueConfig {
  maxAttempts: number;
  visibilityTimeoutMs: number;
  backoffBaseMs: number;
}

export interface QueueDeps {
  store?: RedisStore;
  /** Wall clock (ms), injectable for leases and retry times. */
  now?: () => number;
  config?: Partial<QueueConfig>;
}

interface Resolved {
  redis: RedisStore;
  now: () => number;
  config: QueueConfig;
}

export const MAX_BACKOFF_MS = 3_600_000;
/** How many ids one maintenance pass looks at per list (the rest wait for the next pass). */
const MAINTENANCE_BATCH = 500;
const MAINTENANCE_LOCK_MS = 10_000;

function resolve(deps: QueueDeps = {}): Resolved {
  const env = getEnv();
  return {
    redis: deps.store ?? getRedis(),
    now: deps.now ?? Date.now,
    config: {
      maxAttempts: deps.config?.maxAttempts ?? env.QUEUE_MAX_ATTEMPTS,
      visibilityTimeoutMs: deps.config?.visibilityTimeoutMs ?? env.QUEUE_VISIBILITY_TIMEOUT_MS,
      backoffBaseMs: deps.config?.backoffBaseMs ?? env.QUEUE_BACKOFF_BASE_MS,
    },
  };
}

/** Delay before retry number `attempt` (1: after the first failure): base, 2×base, 4×base…, at most an hour. */
export function backoffMs(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS);
}

function parseJob(queue: QueueName, id: string, fields: Record<string, string>): StoredJob | null {
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

export function newJobId(now: number): string {
  // Time first so ids sort roughly by enqueue time; the random part makes them unique.
  return `${now.toString(36)}-${randomUUID().replaceAll('-', '').slice(0, 16)}`;
}

/** Stores the job, then makes it visible. Returns its id. */
export async function pushJob(queue: QueueName, input: JobInput, deps?: QueueDeps): Promise<string> {
  const { redis, now } = resolve(deps);
  const at = now();
  const id = newJobId(at);
  await redis.hset(queueKeys.job(queue, id), {
    type: input.type,
    payload: JSON.stringify(input.payload ?? null),
    attempts: '0',
    enqueuedAt: String(at),
    ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
  });
  await redis.lpush(queueKeys.ready(queue), [id]);
  return id;
}

export interface ClaimedJob extends StoredJob {
  /** The delivery this claim is (attempts after the claim). */
  attempt: number;
}

/** Claims the oldest ready job: moves it to processing and leases it. Null when none is ready. */
export async function claimJob(queue: QueueName, deps?: QueueDeps): Promise<ClaimedJob | null> {
  const { redis, now, config } = resolve(deps);
  for (;;) {
    const id = await redis.lmove(queueKeys.ready(queue), queueKeys.processing(queue), 'RIGHT', 'LEFT');
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
  const { redis, now, config } = resolve(deps);
  await redis.zadd(queueKeys.leases(queue), [{ member: id, score: now() + config.visibilityTimeoutMs }]);
}

/** The job is done: forget it. */
export async function ackJob(queue: QueueName, id: string, deps?: QueueDeps): Promise<void> {
  const { redis } = resolve(deps);
  await redis.del([queueKeys.job(queue, id)]);
  await redis.lrem(queueKeys.processing(queue), 1, id);
  await redis.zrem(queueKeys.leases(queue), [id]);
}

export type FailOutcome = { status: 'retry'; dueAt: number } | { status: 'dead' };

/** The handler failed: schedule a retry with backoff, or dead-letter the job after maxAttempts. */
export async function failJob(queue: QueueName, job: ClaimedJob, error: unknown, deps?: QueueDeps): Promise<FailOutcome> {
  const { redis, now, config } = resolve(deps);
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
    await redis.zadd(queueKeys.delayed(queue), [{ member: job.id, score: dueAt }]);
    outcome = { status: 'retry', dueAt };
  }
  await redis.lrem(queueKeys.processing(queue), 1, job.id);
  await redis.zrem(queueKeys.leases(queue), [job.id]);
  return outcome;
}

export interface MaintenanceReport {
  /** Jobs whose lease expired, returned to ready. */
  reaped: number;
  /** Due retries moved to ready. */
  promoted: number;
}

/**
 * Returns expired claims to ready and due retries to ready. Workers, the cron route and the
 * after-response drain all call it; a short lock lets one of them at a time do it (two at once would
 * be safe too, only wasteful: each step is a push before a removal).
 */
export async function maintainQueue(queue: QueueName, deps?: QueueDeps): Promise<MaintenanceReport> {
  const { redis, now, config } = resolve(deps);
  const report: MaintenanceReport = { reaped: 0, promoted: 0 };
  const lockKey = queueKeys.maintenance(queue);
  const token = randomUUID();
  if (!(await redis.set(lockKey, token, { nx: true, px: MAINTENANCE_LOCK_MS }))) return report;
  try {
    const at = now();
    const processing = await redis.lrange(queueKeys.processing(queue), 0, MAINTENANCE_BATCH - 1);
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
      await redis.lpush(queueKeys.ready(queue), [member]);
      await redis.zrem(queueKeys.delayed(queue), [member]);
      report.promoted += 1;
    }
  } finally {
    if ((await redis.get(lockKey)) === token) await redis.del([lockKey]);
  }
  return report;
}

export type ProcessOutcome =
  | { status: 'idle' }
  | { status: 'done'; jobId: string }
  | { status: 'skipped'; jobId: string }
  | ({ jobId: string } & FailOutcome);

/**
 * Claims one job and runs its handler: skipped (and acknowledged) when its done marker is set,
 * else run, marked done and acknowledged; a throw schedules a retry or dead-letters it.
 */
export async function processOne(
  queue: QueueName,
  handlers: ReadonlyMap<string, JobHandler>,
  deps?: QueueDeps,
): Promise<ProcessOutcome> {
  const { redis, config } = resolve(deps);
  const job = await claimJob(queue, deps);
  if (!job) return { status: 'idle' };

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
  await redis.set(doneKey, job.id, { nx: true, px: QUEUE_DONE_TTL_MS });
  await ackJob(queue, job.id, deps);
  return { status: 'done', jobId: job.id };
}

// ─── Reads and admin operations ────────────────────────────────────────────────────────────────────

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
}

const LISTED = 50;

export async function readQueue(queue: QueueName, deps?: QueueDeps): Promise<QueueOverview> {
  const { redis } = resolve(deps);
  const [ready, inFlightTotal, delayed, deadTotal, processing, deadIds, leases] = await Promise.all([
    redis.llen(queueKeys.ready(queue)),
    redis.llen(queueKeys.processing(queue)),
    redis.zcard(queueKeys.delayed(queue)),
    redis.llen(queueKeys.dead(queue)),
    redis.lrange(queueKeys.processing(queue), 0, LISTED - 1),
    redis.lrange(queueKeys.dead(queue), 0, LISTED - 1),
    redis.zrange(queueKeys.leases(queue), 0, -1),
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
  };
}

/** Puts a dead-lettered job back in the queue with a fresh set of attempts. False: not dead-lettered. */
export async function retryDeadJob(queue: QueueName, id: string, deps?: QueueDeps): Promise<boolean> {
  const { redis } = resolve(deps);
  const jobKey = queueKeys.job(queue, id);
  const ids = await redis.lrange(queueKeys.dead(queue), 0, -1);
  if (!ids.includes(id) || (await redis.hget(jobKey, 'type')) === null) return false;
  await redis.hset(jobKey, { attempts: '0' });
  await redis.pexpire(jobKey, QUEUE_DEAD_TTL_MS);
  // Ready first, then out of dead: a crash in between leaves it listed in both, never in neither.
  await redis.lpush(queueKeys.ready(queue), [id]);
  await redis.lrem(queueKeys.dead(queue), 0, id);
  // The hash keeps its (renewed) 30-day expiry: PERSIST is not in the interface, and deleting and
  // re-creating it would open a window in which a worker finds it gone and drops the job.
  return true;
}

/** Removes a dead-lettered job for good. False: it was not in the dead-letter list. */
export async function discardDeadJob(queue: QueueName, id: string, deps?: QueueDeps): Promise<boolean> {
  const { redis } = resolve(deps);
  const removed = await redis.lrem(queueKeys.dead(queue), 0, id);
  if (removed === 0) return false;
  await redis.del([queueKeys.job(queue, id)]);
  return true;
}
