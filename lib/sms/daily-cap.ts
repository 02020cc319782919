import 'server-only';

import { getEnv } from '@/lib/env';
import type { RedisStore } from '@/lib/redis/types';
import { dayOf } from '@/lib/views/buckets';

import { SMS_DAY_TTL_MS, smsKeys, type SmsCountKind } from './keys';

/**
 * The day's texts, counted per kind against `SMS_DAILY_CAP` (every instance together): the cost
 * backstop, so past it nothing more of that kind is sent that day. Per kind, so order texts (up to
 * five an order) can never use up what sign-in codes need, nor codes what orders need.
 */
export interface DailyCapOptions {
  cap?: number;
  now?: () => number;
}

const dayKeyOf = (kind: SmsCountKind, now: () => number = Date.now) => smsKeys.sentDay(dayOf(now()), kind);

/** Counts one text of `kind`: true while within the day's cap. */
export async function countTowardDailyCap(store: RedisStore, kind: SmsCountKind, options: DailyCapOptions = {}): Promise<boolean> {
  const dayKey = dayKeyOf(kind, options.now);
  const sent = await store.incr(dayKey);
  if (sent === 1) await store.pexpire(dayKey, SMS_DAY_TTL_MS);
  return sent <= (options.cap ?? getEnv().SMS_DAILY_CAP);
}

/**
 * Takes back the count of a text that surely did not go out, so a provider outage and the queue's
 * retries do not use up the day. Best effort: a count left behind errs on the side of sending less.
 * `now` must give the time the text was counted at: a send that failed after IST midnight gives back
 * the day it was counted on, where the clock of the failure took it from the next day's cap and left
 * that day a key without a TTL.
 */
export async function refundDailyCap(store: RedisStore, kind: SmsCountKind, options: Pick<DailyCapOptions, 'now'> = {}): Promise<void> {
  const dayKey = dayKeyOf(kind, options.now);
  try {
    // Below zero: the count was lost meanwhile (Redis restarted) and INCRBY made a key without a TTL.
    if ((await store.incrby(dayKey, -1)) < 0) await store.del([dayKey]);
  } catch {
    // Counted once too often today; nothing else depends on it.
  }
}
