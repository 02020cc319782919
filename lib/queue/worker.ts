import 'server-only';

import { log } from '@/lib/log';

import { maintainQueue, processOne, type ProcessOutcome, type QueueDeps } from './queue';
import { jobHandlers } from './registry';
import { QUEUE_NAMES, type QueueName } from './types';

export interface DrainReport {
  processed: number;
  failed: number;
  skipped: number;
  reaped: number;
  promoted: number;
}

function emptyReport(): DrainReport {
  return { processed: 0, failed: 0, skipped: 0, reaped: 0, promoted: 0 };
}

function count(report: DrainReport, outcome: ProcessOutcome): void {
  if (outcome.status === 'done') report.processed += 1;
  else if (outcome.status === 'skipped') report.skipped += 1;
  else if (outcome.status === 'retry' || outcome.status === 'dead') {
    report.failed += 1;
    log.warn('job failed', { jobId: outcome.jobId, outcome: outcome.status });
  }
}

async function maintainAll(queues: readonly QueueName[], report: DrainReport, deps?: QueueDeps): Promise<void> {
  for (const queue of queues) {
    const { reaped, promoted } = await maintainQueue(queue, deps);
    report.reaped += reaped;
    report.promoted += promoted;
  }
}

/**
 * Runs jobs until none is ready, `maxJobs` have run, or `maxMs` has passed (a job that started
 * runs to its end). For the cron route and the after-response drain of serverless deployments.
 */
export async function drainQueues(
  options: { queues?: readonly QueueName[]; maxJobs?: number; maxMs?: number; deps?: QueueDeps } = {},
): Promise<DrainReport> {
  const queues = options.queues ?? QUEUE_NAMES;
  const maxJobs = options.maxJobs ?? 25;
  const deadline = performance.now() + (options.maxMs ?? 10_000);
  const report = emptyReport();
  await maintainAll(queues, report, options.deps);
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
        count(report, outcome);
      }
    }
  }
  return report;
}

export interface WorkerOptions {
  /** Abort to stop: the job being run finishes, no further one is claimed. */
  signal: AbortSignal;
  concurrency?: number;
  /** Wait between polls when no job is ready. */
  pollMs: number;
  queues?: readonly QueueName[];
  deps?: QueueDeps;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * The long-lived worker: polls every queue in turn (LMOVE; no blocking command, so it behaves the
 * same over REST), reaping expired leases and promoting due retries about once per poll interval.
 * Resolves once `signal` is aborted and the jobs in hand have finished. Errors talking to Redis are
 * logged and retried after a poll interval; they never end the loop.
 */
export async function runWorker(options: WorkerOptions): Promise<void> {
  const queues = options.queues ?? QUEUE_NAMES;
  const { signal, pollMs, deps } = options;
  let lastMaintenance = 0;
  let failing = false;

  const loop = async () => {
    while (!signal.aborted) {
      try {
        if (performance.now() - lastMaintenance >= pollMs) {
          lastMaintenance = performance.now();
          await maintainAll(queues, emptyReport(), deps);
        }
        let ranAny = false;
        for (const queue of queues) {
          if (signal.aborted) break;
          const outcome = await processOne(queue, jobHandlers(), deps);
          if (outcome.status !== 'idle') {
            ranAny = true;
            count(emptyReport(), outcome);
          }
        }
        if (failing) log.info('worker reaches Redis again');
        failing = false;
        if (!ranAny) await sleep(pollMs, signal);
      } catch (error) {
        if (!failing) log.warn('worker could not reach the queue', { error: error instanceof Error ? error.message : String(error) });
        failing = true;
        await sleep(pollMs, signal);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, loop));
}
