import { SESSION_UNAVAILABLE_NOTICE } from '@/lib/auth/next-path';

/**
 * What a dead-letter button did, as the queue page says it after the action returns there
 * (`?notice=`): the buttons are plain forms with no state of their own, so the answer travels in the
 * address. Pure, for the action and the page alike.
 */
export const QUEUE_NOTICES = {
  retried: { tone: 'ok', text: 'Job retried: it is waiting again, with a fresh set of attempts.' },
  discarded: { tone: 'ok', text: 'Job discarded for good.' },
  'not-dead': { tone: 'warn', text: 'Nothing done: that job is not in the dead letters any more (another admin or a retry moved it).' },
  'redis-unavailable': { tone: 'error', text: 'Nothing done: Redis did not answer. Please try again in a moment.' },
  failed: { tone: 'error', text: 'Nothing done: the audit log in Postgres could not be written. Please try again in a moment.' },
  [SESSION_UNAVAILABLE_NOTICE]: { tone: 'error', text: 'Your sign-in could not be checked just now, so nothing was retried or discarded. Please try again.' },
} as const satisfies Record<string, { tone: 'ok' | 'warn' | 'error'; text: string }>;

export type QueueNotice = keyof typeof QUEUE_NOTICES;

/** The notice a `?notice=` names, or null for none (or anything else). */
export function queueNoticeOf(value: unknown): (typeof QUEUE_NOTICES)[QueueNotice] | null {
  return typeof value === 'string' && Object.hasOwn(QUEUE_NOTICES, value) ? QUEUE_NOTICES[value as QueueNotice] : null;
}
