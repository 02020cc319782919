import 'server-only';

import { getEnv } from '@/lib/env';
import { log } from '@/lib/log';
import { singletons } from '@/lib/server/singletons';

import { flushCounters } from './flush';

/**
 * Until there is a job queue, every server flushes on its own timer. Several instances flushing at
 * once is safe (see flush.ts), so no leader election is needed. The timer is unref'd: it never keeps
 * a process alive that is otherwise done. One run at a time per process; a tick that finds the last
 * run still going is skipped.
 */
export function startCounterFlushSchedule(): void {
  const shared = singletons();
  if (shared.counterFlush) return;
  const seconds = getEnv().COUNTER_FLUSH_INTERVAL_SECONDS;
  if (seconds === 0) {
    log.info('counter flush timer off (COUNTER_FLUSH_INTERVAL_SECONDS=0): run `npm run counters:flush` on a schedule');
    return;
  }
  const state = {
    running: false,
    failing: false,
    timer: setInterval(() => void runScheduledFlush(), seconds * 1000).unref(),
  };
  shared.counterFlush = state;
}

export function stopCounterFlushSchedule(): void {
  const shared = singletons();
  if (shared.counterFlush) clearInterval(shared.counterFlush.timer);
  shared.counterFlush = undefined;
}

/** One scheduled run. Failures are logged when they start and when they stop, not every minute. */
export async function runScheduledFlush(): Promise<void> {
  const state = singletons().counterFlush;
  if (!state || state.running) return;
  state.running = true;
  try {
    const report = await flushCounters();
    if (state.failing) log.info('counter flush working again', { ...report });
    state.failing = false;
  } catch (error) {
    if (!state.failing) {
      log.warn('counter flush failed: live counts stay in Redis until a run succeeds', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
    state.failing = true;
  } finally {
    state.running = false;
  }
}
