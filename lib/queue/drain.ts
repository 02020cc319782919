import 'server-only';

import { log } from '@/lib/log';

import type { QueueDeps } from './deps';
import { maintainQueues } from './maintenance';
import { processOne, type ProcessOutcome } from './process';
import { jobHandlers } from './registry';
import { QUEUE_NAMES, type QueueName } from './types';

export interface DrainReport {
  processed: number;
  failed: number;
  skipped: number;
  reaped: number;
  promoted: number;
  /** Recurring jobs enqueued by this drain's maintenance pass. */
  scheduled: number;
}

/** Adds one outcome to a report (when given); a failure is logged either way. */
export function countOutcome(outcome: ProcessOutcome, report?: DrainReport): void {
  if (outcome.status === 'done') {
    if (report) report.processed += 1;
  } else if (outcome.status === 'skipped') {
    if (report) report.skipped += 1;
  } else if (outcome.status === 'retry' || outcome.status === 'dead') {
    if (report) report.failed += 1;
    log.warn('job failed', { jobId: outcome.jobId, outcome: outcome.status });
  }
}

/**
 * Runs jobs until none is ready, `maxJobs` have run, or `maxMs` has passed (a job that started
 * runs to its end), after one maintenance pass. Never waits for a job: for the cron route and the
 * after-response drain of serverless deployments.
 */
export async function drainQueues(
  options: { queues?: readonly QueueName[]; maxJobs?: number; maxMs?: number; deps?: QueueDeps } = {},
): Promise<DrainReport> {
  const queues = options.queues ?? QUEUE_NAMES;
  const maxJobs = options.maxJobs ?? 25;
  const deadline = performance.now() + (options.maxMs ?? 10_000);
  const report: DrainReport = { processed: 0, failed: 0, skipped: 0, ...(await maintainQueues(queues, options.deps)) };
  let ran = 0;
  let idle = 0;
  while (ran < maxJobs && performance.now() < deadline && idle < queues.length) {
    idle = 0;
    for (const queue of queues) {
      if (ran >= maxJobs || performance.now() >= deadline) break;
      const outcome = await processOne(queue, jobHandlers(), options.deps);
      if (outcome.status === 'idle') idle += 1;
      else {
        ran += 1;
        countOutcome(outcome, report);
      }
    }
  }
  return report;
}
