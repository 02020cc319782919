import 'server-only';

import { log } from '@/lib/log';
import { lastRefusedWriteAt } from '@/lib/redis/refused-writes';
import { singletons } from '@/lib/server/singletons';

import { checkWatermark } from './outbox-watermark';
import { applyInvalidations, drainPending, type DrainReport, type InvalidationOutcome, type PendingInvalidation } from './outbox';

declare module '@/lib/server/singletons' {
  interface ProcessSingletons {
    /** Whether the outbox's retry timer runs. */
    outboxRetrying?: boolean;
  }
}

/**
 * Who applies the outbox rows Redis did not take at once (docs/decisions/018-invalidation-outbox.md):
 *
 * - the process that made the change, every OUTBOX_RETRY_MS until none is pending (retryPendingSoon);
 * - the request itself after its response (`after()`), for up to AFTER_RESPONSE_BUDGET_MS, which keeps
 *   a serverless invocation alive that long;
 * - every later save, after its response (so any instance's next save applies what another left);
 * - the process of a change whose COMMIT went unanswered, in case it lands (afterUnknownCommit);
 * - every server that saw Redis refuse a write, until the outbox is empty after it (drainAfterRefusedWrites);
 * - `npm run worker` every OUTBOX_SWEEP_MS, the cron route on each call, and each server at start.
 *
 * No customer request reads the outbox: all of this runs beside them.
 */

export const OUTBOX_RETRY_MS = 1_000;
/** The worker's sweep, for rows whose process died before applying them. */
export const OUTBOX_SWEEP_MS = 2_000;
const AFTER_RESPONSE_BUDGET_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function drainQuietly(): Promise<DrainReport | null> {
  try {
    return await drainPending();
  } catch (error) {
    // Postgres did not answer: the rows are still there for the next try.
    log.warn('cache invalidation retry could not read the outbox', { error: error instanceof Error ? error.message : String(error) });
    return null;
  }
}

/**
 * Right after a change commits: applies its own row before the change answers (as a save always did
 * when Redis is healthy); if Redis did not take it, the retries above take over.
 */
export async function applyCommitted(pending: PendingInvalidation): Promise<InvalidationOutcome> {
  const { taken, marked } = await applyInvalidations([pending]);
  const ok = taken.has(pending.id);
  await afterCommit(ok && marked);
  return { keys: pending.keys, ok };
}

/**
 * A change whose COMMIT went unanswered (Postgres stopped answering: db/deadline-outcome.ts
 * mayHaveCommitted): it may land once Postgres answers, its outbox row with it, and no applyCommitted
 * will run for that row. So this process retries as for a row Redis did not take; a drain that finds
 * nothing pending (it did not commit) ends it. Without it the row waited for a worker, the cron route,
 * another save or a server start, and customers were served the old entry meanwhile.
 *
 * A drain can find nothing pending before the COMMIT lands: the rest of the server answers while the
 * save's own backend has yet to (it waits on a synchronous standby, its connection stalled, or it is
 * the last to run after a thaw). So once the server answers that COMMIT (`answered`, the driver's own
 * promise settling), a drain begun after the answer runs too, and retries if Redis does not take it.
 */
export function afterUnknownCommit(answered?: PromiseLike<unknown>): void {
  void afterCommit(false);
  answered?.then(drainAfterAnswer, drainAfterAnswer);
}

async function drainAfterAnswer(): Promise<void> {
  // A drain under way may have read the outbox before the row was visible: only one begun now can tell.
  await singletons().outboxDrain?.catch(() => {});
  const report = await drainQuietly();
  if (report?.pending !== 0) retryPendingSoon();
}

/** Retries pending rows every OUTBOX_RETRY_MS in this process until none is left. Never throws. */
export function retryPendingSoon(): void {
  const shared = singletons();
  if (shared.outboxRetrying) return;
  shared.outboxRetrying = true;
  log.warn('cache invalidation pending: retrying every second until Redis takes it');
  const tick = async () => {
    const report = await drainQuietly();
    if (report?.pending === 0) {
      shared.outboxRetrying = false;
      log.info('pending cache invalidations applied', { applied: report.applied });
      return;
    }
    setTimeout(() => void tick(), OUTBOX_RETRY_MS).unref();
  };
  setTimeout(() => void tick(), OUTBOX_RETRY_MS).unref();
}

/**
 * After a change applied its own row (or tried to): from after the response, keeps retrying while
 * anything is pending (for a while), or, when nothing of its own is, applies what earlier changes left
 * once. Outside a request (scripts, tests) only the process timer runs.
 */
async function afterCommit(ownApplied: boolean): Promise<void> {
  if (!ownApplied) retryPendingSoon();
  try {
    const { after } = await import('next/server');
    after(async () => {
      const until = Date.now() + AFTER_RESPONSE_BUDGET_MS;
      for (;;) {
        const report = await drainQuietly();
        if (report?.pending === 0 || ownApplied || Date.now() >= until) return;
        await sleep(OUTBOX_RETRY_MS);
      }
    });
  } catch {
    // Outside a request: nothing runs after it.
  }
}

/** At server start: applies what a previous process left pending, in the background. Never throws. */
export function resumePendingAtStart(): void {
  void drainQuietly().then((report) => {
    if (report?.pending !== 0) retryPendingSoon();
  });
}

/**
 * Each server: the process whose save Redis refused may exit before Redis takes writes again, and
 * with no worker running its row would wait for the next save or start while this process, its doubt
 * over (decision 049), served the old entries as HITs. So a server that saw a refusal (its limiter's,
 * on every request) drains the outbox every OUTBOX_RETRY_MS until a drain begun after the last
 * refusal finds nothing pending: a Postgres query a second only after a refusal. Returns a stop function.
 */
export function drainAfterRefusedWrites(): () => void {
  let drainedAt = 0;
  const timer = setInterval(async () => {
    const refusedAt = lastRefusedWriteAt();
    if (refusedAt === undefined || refusedAt < drainedAt) return;
    // A drain already under way may have read the outbox before the refusal (and before the saver's
    // row): it applies what it read, but only one begun here can say that nothing is left.
    const joined = singletons().outboxDrain !== undefined;
    const startedAt = Date.now();
    const report = await drainQuietly();
    if (!joined && report?.pending === 0 && (lastRefusedWriteAt() ?? 0) < startedAt) drainedAt = startedAt;
  }, OUTBOX_RETRY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** A long-lived process's sweep (the worker): drains every OUTBOX_SWEEP_MS until `signal` aborts. */
export async function sweepOutbox(signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    await drainQuietly();
    await checkWatermark();
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, OUTBOX_SWEEP_MS);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
