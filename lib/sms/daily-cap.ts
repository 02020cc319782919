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
   * midnight (the clock of the failure would take it from the next day's cap). Best effort: a count left behind errs on the side of sending less.
   */
  refund(): Promise<void>;
}

/**
 * Adds `by` to the day's count. The key is made with its TTL in one command (SET 0 NX PX) before the
 * INCRBY, which keeps it, so the count never exists without an expiry: an INCR followed by a PEXPIRE
 * left a key that never expired when the PEXPIRE failed (the day's first text, on a Redis going away).
 * A second round trip per text, and no script (decision 001). A key Redis lost between the two (a
 * FLUSHALL, a restart empty) is made anew by the INCRBY without a TTL, so the day's first count gives it
 * one again (best effort: the SET NX's TTL is there otherwise): a third round trip, once a day.
 */
async function addToDay(store: RedisStore, dayKey: string, by: number): Promise<number> {
  await store.set(dayKey, '0', { nx: true, px: SMS_DAY_TTL_MS });
  const total = await store.incrby(dayKey, by);
  if (by > 0 && total === by) await store.pexpire(dayKey, SMS_DAY_TTL_MS).catch(() => false);
  return total;
}

export function dailyCapCount(store: RedisStore, kind: SmsCountKind, options: DailyCapOptions = {}): DailyCapCount {
  const dayKey = smsKeys.sentDay(dayOf((options.now ?? Date.now)()), kind);
  // Whether count() added this text: a count Redis failed (its callers refund on any error that is not
  // a send that may have gone out) has nothing to give back, and a refund then took another text's
  // place off the day. One whose INCRBY landed unanswered stays counted: erring on sending less.
  let counted = false;
  return {
    async count() {
      const sent = await addToDay(store, dayKey, 1);
      counted = true;
      return sent <= (options.cap ?? getEnv().SMS_DAILY_CAP);
    },
    async refund() {
      if (!counted) return;
      try {
        // Below zero: the count was lost meanwhile (Redis restarted), and there is nothing to refund.
        if ((await addToDay(store, dayKey, -1)) < 0) await store.del([dayKey]);
      } catch {
        // Counted once too often today; nothing else depends on it.
      }
    },
  };
}
