import 'server-only';

import { getEnv } from '@/lib/env';
import type { RedisStore } from '@/lib/redis/types';
import { dayOf } from '@/lib/views/buckets';

import { SMS_DAY_TTL_MS, smsKeys } from './keys';

/**
 * Counts one text against the day's cap (`SMS_DAILY_CAP`: sign-in codes and order texts, every
 * instance together): true while within it. The cap is the cost backstop, so past it nothing more is
 * sent that day, whatever asked for the text.
 */
export async function countTowardDailyCap(store: RedisStore, options: { cap?: number; now?: () => number } = {}): Promise<boolean> {
  const dayKey = smsKeys.sentDay(dayOf((options.now ?? Date.now)()));
  const sent = await store.incr(dayKey);
  if (sent === 1) await store.pexpire(dayKey, SMS_DAY_TTL_MS);
  return sent <= (options.cap ?? getEnv().SMS_DAILY_CAP);
}
