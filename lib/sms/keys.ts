import { DAY, keyPrefix } from '@/lib/redis/keys';

/** Keys of the texts sent (lib/redis/keys.ts has the rules). Not cache. */

/** The send counter of one IST day outlives it a little, so the day's last INCR still finds it. */
export const SMS_DAY_TTL_MS = 2 * DAY;
/** Demo outbox messages: kept for a day after the newest, and only the newest are ever read. */
export const OUTBOX_TTL_MS = DAY;

/** What a day's count is kept for (lib/sms/daily-cap.ts): sign-in codes, and order texts apart from them. */
export type SmsCountKind = 'otp' | 'order';

export const smsKeys = {
  /** Texts of one kind sent on one IST day, all instances together (INCR), `day` as YYYY-MM-DD. */
  sentDay: (day: string, kind: SmsCountKind = 'otp') => `${keyPrefix()}sms:v1:${kind === 'otp' ? 'sent' : 'sent-order'}:${day}`,
  /** List of JSON outbox messages, newest first (LPUSH), shown at /dev/outbox. */
  outbox: () => `${keyPrefix()}outbox:v1:messages`,
} as const;
