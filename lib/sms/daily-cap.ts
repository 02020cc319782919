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

/** One text's place in the day's count: its day fixed when it is made, for the count and any refund. */
export interface DailyCapCount {
  /** Counts the text: true while within the day's cap. */
  count(): Promise<boolean>;
  /**
   * Takes the count back for a text that surely did not go out, so a provider outage and the queue's
   * retries do not use up the day. The day it was counted on, even when the send failed after IST
   * midnight (the clock of the failure took it from the next day's cap and left that day a key without
   * a TTL). Best effort: a count left behind errs on the side of sending less.
   */
  refund(): Promise<void>;
}

export function dailyCapCount(store: RedisStore, kind: SmsCountKind, options: DailyCapOptions = {}): DailyCapCount {
  const dayKey = smsKeys.sentDay(dayOf((options.now ?? Date.now)()), kind);
  return {
    async count() {
      const sent = await store.incr(dayKey);
      if (sent === 1) await store.pexpire(dayKey, SMS_DAY_TTL_MS);
      return sent <= (options.cap ?? getEnv().SMS_DAILY_CAP);
    },
    async refund() {
      try {
        // Below zero: the count was lost meanwhile (Redis restarted) and INCRBY made a key without a TTL.
        if ((await store.incrby(dayKey, -1)) < 0) await store.del([dayKey]);
      } catch {
        // Counted once too often today; nothing else depends on it.
      }
    },
  };
}
