import 'server-only';

import { queueKeys, queueRecurringSlotTtlMs } from './keys';
import { log } from '@/lib/log';
import { singletons } from '@/lib/server/singletons';

import { resolveQueueDeps, type QueueDeps } from './deps';
import { pushJob } from './job-store';
import { isQueueName, type QueueName } from './types';

declare module '@/lib/server/singletons' {
  interface ProcessSingletons {
    /** Recurring jobs by name, for the same reason. */
    queueRecurring?: Map<string, RecurringJob>;
  }
}

/**
 * Recurring jobs: a job enqueued once per period, whichever processes run the maintenance pass (the
 * worker's timer, the cron route, the after-response drain). Time is cut into slots of `everyMs`
 * (slot = floor(now / everyMs)); the first pass in a slot wins SET NX on the slot's key and pushes
 * the job, every other pass in that slot finds the key and does nothing. At most once per slot: a
 * crash between the SET and the push skips that period's run, and the next slot runs again. Like
 * any job, it runs at least once once pushed, so its handler must tolerate a duplicate.
 *
 * Registered at import time by the modules lib/server/jobs.ts imports, and kept on the process
 * singletons (as the handlers are), so every module graph that runs maintenance sees one list (a later
 * registration of a name replaces the earlier one, as hot reload does).
 */

export interface RecurringJob {
  /** Names the schedule and its slot keys: lowercase letters, digits, `.` and `-`. */
  name: string;
  queue: QueueName;
  type: string;
  payload?: unknown;
  /**
   * The period in whole ms; 0 turns it off. A function is read at each pass, so a period taken from
   * the environment is read when jobs run, never at import time.
   */
  everyMs: number | (() => number);
}

const NAME = /^[a-z0-9][a-z0-9.-]{0,63}$/;

function validPeriod(everyMs: number): boolean {
  return Number.isSafeInteger(everyMs) && everyMs >= 0;
}

export function registerRecurringJob(job: RecurringJob): void {
  if (!NAME.test(job.name)) throw new Error(`a recurring job name is lowercase letters, digits, "." and "-" (got "${job.name}")`);
  if (!isQueueName(job.queue)) throw new Error(`unknown queue "${String(job.queue)}"`);
  if (typeof job.type !== 'string' || job.type === '') throw new Error('a recurring job needs a type');
  if (typeof job.everyMs === 'number' && !validPeriod(job.everyMs)) {
    throw new Error(`everyMs must be a whole number of milliseconds, 0 (off) or more (got ${job.everyMs})`);
  }
  recurringJobs().set(job.name, job);
}

/** The registered recurring jobs, by name (tests remove and restore entries). */
export function recurringJobs(): Map<string, RecurringJob> {
  const shared = singletons();
  shared.queueRecurring ??= new Map();
  return shared.queueRecurring;
}

/** Pushes every recurring job whose current slot has not been claimed yet; returns how many it pushed. */
export async function enqueueDueRecurringJobs(deps?: QueueDeps, jobs: Iterable<RecurringJob> = recurringJobs().values()): Promise<number> {
  const { redis, now } = resolveQueueDeps(deps);
  let pushed = 0;
  for (const job of jobs) {
    const everyMs = typeof job.everyMs === 'function' ? job.everyMs() : job.everyMs;
    if (!validPeriod(everyMs)) {
      log.warn('recurring job skipped: its period is not a whole number of ms', { name: job.name, everyMs });
      continue;
    }
    if (everyMs === 0) continue;
    const slot = Math.floor(now() / everyMs);
    const claimed = await redis.set(queueKeys.recurringSlot(job.name, slot), '1', { nx: true, px: queueRecurringSlotTtlMs(everyMs) });
    if (!claimed) continue;
    await pushJob(job.queue, { type: job.type, payload: job.payload ?? null }, deps);
    pushed += 1;
  }
  return pushed;
}
