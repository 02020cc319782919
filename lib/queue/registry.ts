import { singletons } from '@/lib/server/singletons';

import type { JobHandler } from './types';

declare module '@/lib/server/singletons' {
  interface ProcessSingletons {
    /** Job handlers by type, shared by every module graph that runs jobs. */
    queueHandlers?: Map<string, JobHandler>;
  }
}

/** The handlers of this process, by job type (on globalThis: every module graph sees the same). */
export function jobHandlers(): Map<string, JobHandler> {
  const shared = singletons();
  shared.queueHandlers ??= new Map();
  return shared.queueHandlers;
}

/**
 * Registers the handler for one job type (a later registration replaces it, as hot reload does).
 * Handlers run at least once per job, so each must be idempotent: key its effect by `ctx.jobId` (or
 * the job's idempotency key), e.g. an upsert or an insert guarded by a Postgres unique key.
 */
export function registerJobHandler(type: string, handler: JobHandler): void {
  if (!type) throw new Error('a job type is required');
  jobHandlers().set(type, handler);
}
