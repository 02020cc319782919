/**
 * The job queue's public API (see lib/queue/queue.ts for the mechanics).
 *
 * - `enqueue(queue, { type, payload, idempotencyKey? })` stores a job and pushes it onto the queue's
 *   ready list. Delivery is at-least-once: handlers must be idempotent.
 * - `registerJobHandler(type, handler)` registers the handler the worker calls for a job type.
 */
export type { QueueName, JobInput, JobContext, JobHandler } from './types';
export { QUEUE_NAMES } from './types';
export { enqueue, registerJobHandler } from './api';
