import 'server-only';

import { getEnv } from '@/lib/env';
import { log } from '@/lib/log';
import { registerJobHandler, registerRecurringJob } from '@/lib/queue';

import { flushCounters, type FlushOptions, type FlushReport } from './flush';

/**
 * The periodic flush is a recurring job on the queue (registered through lib/server/jobs.ts):
 * every COUNTER_FLUSH_INTERVAL_SECONDS (0: off) the maintenance pass enqueues one `counters.flush`
 * for all instances together, and whatever runs jobs runs it: `npm run worker`, the in-process
 * worker of embedded mode, or the cron route on Vercel. `npm run counters:flush` runs one by hand.
 *
 * A failed flush loses nothing (live counts stay in Redis, a half-done flush is finished by the
 * next), and the next period's job is its retry. So the handler logs the failure and returns
 * instead of throwing: queue retries would only pile up behind the next period's run, and end in
 * dead letters. Failures are logged when they start and when they stop, not every period.
 */

export const COUNTER_FLUSH_JOB = 'counters.flush';

// Per module graph: it only decides which log lines are written.
let failing = false;

/** One scheduled flush; null when it failed (logged). */
export async function runCounterFlushJob(options?: FlushOptions): Promise<FlushReport | null> {
  try {
    const report = await flushCounters(options);
    if (failing) log.info('counter flush working again', { ...report });
    failing = false;
    return report;
  } catch (error) {
    if (!failing) {
      log.warn('counter flush failed: live counts stay in Redis until a run succeeds', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
    failing = true;
    return null;
  }
}

registerJobHandler(COUNTER_FLUSH_JOB, async () => {
  await runCounterFlushJob();
});
registerRecurringJob({
  name: COUNTER_FLUSH_JOB,
  queue: 'default',
  type: COUNTER_FLUSH_JOB,
  everyMs: () => getEnv().COUNTER_FLUSH_INTERVAL_SECONDS * 1_000,
});
