/** The queues the app uses; each has its own Redis lists (lib/cache/keys.ts, `queueKeys`). */
export const QUEUE_NAMES = ['default', 'orders', 'notifications'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export function isQueueName(value: unknown): value is QueueName {
  return typeof value === 'string' && (QUEUE_NAMES as readonly string[]).includes(value);
}

export interface JobInput {
  /** Which registered handler runs the job. */
  type: string;
  /** Anything JSON can hold; stored as JSON. */
  payload: unknown;
  /**
   * Names the job's effect for the "done" marker: two jobs with one key have one effect between
   * them (as long as they don't run at the same moment; the handler's own effect must still be
   * idempotent, see lib/queue/process.ts). Defaults to the job's id.
   */
  idempotencyKey?: string;
}

export interface JobContext {
  jobId: string;
  /** 1 on the first delivery, 2 on the second… (a redelivery after a crash counts as an attempt). */
  attempt: number;
}

export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<void>;

/** A job as stored in its Redis hash. */
export interface StoredJob {
  id: string;
  queue: QueueName;
  type: string;
  payload: unknown;
  idempotencyKey?: string;
  attempts: number;
  enqueuedAt: number;
  lastError?: string;
  failedAt?: number;
}
