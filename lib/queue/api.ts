import 'server-only';

import { getEnv } from '@/lib/env';
import { log } from '@/lib/log';

import { pushJob } from './queue';
import { isQueueName, type JobInput, type QueueName } from './types';

export { registerJobHandler } from './registry';

/** What one after-response drain may do: a few jobs, well inside a serverless function's time. */
const AFTER_DRAIN = { maxJobs: 5, maxMs: 5_000 } as const;

/**
 * Stores a job and makes it visible to workers. Resolves once the job is in Redis (it will then run
 * at least once); throws when Redis can't be reached, so the caller can report it. On serverless
 * deployments (QUEUE_DRAIN_AFTER_ENQUEUE, on by default with VERCEL) the same invocation also runs a
 * few jobs after its response has been sent.
 */
export async function enqueue(queue: QueueName, job: JobInput): Promise<void> {
  if (!isQueueName(queue)) throw new Error(`unknown queue "${String(queue)}"`);
  if (typeof job.type !== 'string' || job.type === '') throw new Error('a job needs a type');
  await pushJob(queue, job);
  const env = getEnv();
  if (env.QUEUE_DRAIN_AFTER_ENQUEUE ?? Boolean(env.VERCEL)) await drainAfterResponse();
}

async function drainAfterResponse(): Promise<void> {
  try {
    const { after } = await import('next/server');
    after(async () => {
      try {
        // Loaded here so the handlers' modules (and their imports) load only when jobs run.
        await import('./handlers');
        const { drainQueues } = await import('./worker');
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
