/**
 * The job queue's public API (see lib/queue/process.ts for the mechanics).
 *
 * - `enqueue(queue, { type, payload, idempotencyKey? }, { delayMs? })` stores a job and pushes it onto
 *   the queue's ready list, or with `delayMs` onto its delayed set, promoted once due. Delivery is
 *   at-least-once: handlers must be idempotent.
 * - `registerJobHandler(type, handler)` registers the handler the worker calls for a job type.
 * - `registerRecurringJob({ name, queue, type, everyMs })` (lib/queue/recurring.ts) enqueues a job
 *   once per period across all instances.
 * - `nudgeQueue()`, for a page that waits on jobs: on serverless deployments, a bounded drain after
 *   the response, which also promotes due delayed jobs.
 */
export type { QueueName, JobInput, JobContext, JobHandler } from './types';
export type { EnqueueOptions } from './job-store';
export { QUEUE_NAMES } from './types';
export { enqueue, nudgeQueue, registerJobHandler } from './api';
export { registerRecurringJob } from './recurring';
