import 'server-only';

import { log } from '@/lib/log';

import { claimJob, releaseJob, type ClaimedJob } from './claim';
import { resolveQueueDeps, type QueueDeps } from './deps';
import { countOutcome } from './drain';
import { maintainQueues } from './maintenance';
import { runClaimedJob } from './process';
import { jobHandlers } from './registry';
import { QUEUE_NAMES, type QueueName } from './types';

export interface WorkerOptions {
  /** Abort to stop: the jobs being run finish, no further one is claimed. */
  signal: AbortSignal;
  /** Claim loops per queue (jobs of one queue run at once). */
  concurrency?: number;
  /** How long an idle claim loop waits: BLMOVE's timeout where the store can block, else the sleep between polls. */
  pollMs: number;
  /** Time between maintenance passes (reap, promote due jobs, enqueue recurring ones). Default: pollMs. */
  maintenanceMs?: number;
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

const ABORTED = Symbol('aborted');

/** Releases whatever a claim abandoned on abort brings, once it settles. */
async function handBack(queue: QueueName, claim: Promise<ClaimedJob | null>, deps?: QueueDeps): Promise<void> {
  let late: ClaimedJob | null;
  try {
    late = await claim;
  } catch {
    return; // Ended without an answer: anything it moved sits in processing, where the reaper finds it.
  }
  if (!late) return;
  try {
    await releaseJob(queue, late.id, deps);
  } catch (error) {
    log.warn('worker: a job claimed while stopping could not be released; it will be reaped', {
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

/**
 * Waits for a claim, or for the abort, whichever comes first. A blocked BLMOVE can't be called off,
 * so on abort the worker stops waiting for it; should it still bring a job, that job is released
 * back to ready (or, if the store is closed by then, reaped after its visibility timeout).
 */
function claimUnlessAborted(
  queue: QueueName,
  blockMs: number,
  signal: AbortSignal,
  deps?: QueueDeps,
): Promise<ClaimedJob | null | typeof ABORTED> {
  if (signal.aborted) return Promise.resolve(ABORTED);
  const claim = claimJob(queue, deps, { blockMs });
  let onAbort = () => {};
  const aborted = new Promise<typeof ABORTED>((resolve) => {
    onAbort = () => resolve(ABORTED);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([claim, aborted]).then(
    (result) => {
      signal.removeEventListener('abort', onAbort);
      if (result === ABORTED) void handBack(queue, claim, deps);
      return result;
    },
    (error: unknown) => {
      signal.removeEventListener('abort', onAbort);
      throw error;
    },
  );
}

/**
 * The long-lived worker. Each queue has its own claim loops (× concurrency): where the store can
 * block (TCP, in-process) a loop waits on its queue with BLMOVE for up to pollMs, so a job starts as
 * soon as it is pushed; over REST it polls LMOVE, sleeping pollMs when the queue is empty. The
 * maintenance pass (reap expired leases, promote due delayed jobs, enqueue recurring jobs) runs on a
 * timer of its own. Resolves once `signal` is aborted and the jobs in hand have finished; a loop
 * blocked on an empty queue stops at once. Errors talking to Redis are logged (once per outage) and
 * retried after pollMs; they never end the worker.
 */
export async function runWorker(options: WorkerOptions): Promise<void> {
  const queues = options.queues ?? QUEUE_NAMES;
  const { signal, pollMs, deps } = options;
  const blocks = typeof resolveQueueDeps(deps).redis.blmove === 'function';
  let failing = false;
  const reached = () => {
    if (failing) log.info('worker reaches Redis again');
    failing = false;
  };
  const failed = async (error: unknown) => {
    if (!failing) log.warn('worker could not reach the queue', { error: error instanceof Error ? error.message : String(error) });
    failing = true;
    await sleep(pollMs, signal);
  };

  const claimLoop = async (queue: QueueName) => {
    while (!signal.aborted) {
      try {
        const job = await claimUnlessAborted(queue, blocks ? pollMs : 0, signal, deps);
        if (job === ABORTED) return;
        reached();
        if (job) countOutcome(await runClaimedJob(queue, job, jobHandlers(), deps));
        else if (!blocks) await sleep(pollMs, signal);
      } catch (error) {
        await failed(error);
      }
    }
  };

  const maintenanceLoop = async () => {
    while (!signal.aborted) {
      try {
        await maintainQueues(queues, deps);
        reached();
        await sleep(options.maintenanceMs ?? pollMs, signal);
      } catch (error) {
        await failed(error);
      }
    }
  };

  const concurrency = Math.max(1, options.concurrency ?? 1);
  await Promise.all([maintenanceLoop(), ...queues.flatMap((queue) => Array.from({ length: concurrency }, () => claimLoop(queue)))]);
}
