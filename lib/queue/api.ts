import 'server-only';

import { QUEUE_NUDGE_INTERVAL_MS, queueKeys } from './keys';
import { getEnv } from '@/lib/env';
import { log } from '@/lib/log';
import { getRedis } from '@/lib/redis/client';

import { pushJob, type EnqueueOptions } from './job-store';
import type { JobInput, QueueName } from './types';

export { registerJobHandler } from './registry';

/** What one after-response drain may do: a few jobs, well inside a serverless function's time. */
const AFTER_DRAIN = { maxJobs: 5, maxMs: 5_000 } as const;

/** Serverless deployments (QUEUE_DRAIN_AFTER_ENQUEUE, on by default with VERCEL) have no worker to wait for. */
function drainsAfterResponse(): boolean {
  const env = getEnv();
  return env.QUEUE_DRAIN_AFTER_ENQUEUE ?? Boolean(env.VERCEL);
}

/**
 * Stores a job and makes it visible to workers, at once or, with `delayMs`, once that much time has
 * passed. Resolves once the job is in Redis (it will then run at least once); throws on bad input
 * (writing nothing) and when Redis can't be reached, so the caller can report it. On serverless
 * deployments the same invocation also runs a few jobs after its response has been sent (not for
 * a delayed job: it could not run yet).
 */
export async function enqueue(queue: QueueName, job: JobInput, options: EnqueueOptions = {}): Promise<void> {
  await pushJob(queue, job, undefined, options);
  if (!options.delayMs && drainsAfterResponse()) await drainAfterResponse(false);
}

/**
 * For a page that waits on jobs (the order page, while its client polls): on serverless
 * deployments, runs a bounded drain after the response, which also promotes delayed jobs that are
 * due, so they need not wait for the once-a-minute cron. At most one nudge per
 * QUEUE_NUDGE_INTERVAL_MS across instances does the work. Elsewhere a worker does it: a no-op.
 * Never throws.
 */
export async function nudgeQueue(): Promise<void> {
  try {
    if (drainsAfterResponse()) await drainAfterResponse(true);
  } catch (error) {
    log.warn('queue nudge failed', { error: error instanceof Error ? error.message : String(error) });
  }
}

async function drainAfterResponse(throttled: boolean): Promise<void> {
  try {
    const { after } = await import('next/server');
    after(async () => {
      try {
        if (throttled && !(await getRedis().set(queueKeys.nudge(), '1', { nx: true, px: QUEUE_NUDGE_INTERVAL_MS }))) return;
        const { drainQueues } = await import('./drain');
        await drainQueues(AFTER_DRAIN);
      } catch (error) {
        log.warn('after-response drain failed: the worker or cron route will run the job', {
          error: error instanceof Error ? error.message : String(error),
        });
      }
    });
  } catch {
    // Outside a request (a script, a test): nothing to run after.
  }
}
