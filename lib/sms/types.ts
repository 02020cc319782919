import type { Env } from '@/lib/env';
import type { RedisStore } from '@/lib/redis/types';

/**
 * Texts to customers (sign-in codes, order updates) go through one interface, chosen by SMS_SENDER,
 * never by NODE_ENV: the demo `outbox` (the default, and what most of the e2e suite reads) or Twilio
 * (lib/sms/twilio.ts). No sender, and nothing around one, ever writes a message body to a
 * log: a body can hold a sign-in code.
 */
export interface SmsMessage {
  /** Normalised number, e.g. 919876543210. */
  to: string;
  body: string;
  kind: 'otp' | 'order';
  /**
   * The demo outbox only: the device id of the browser that may see this code there in production
   * (lib/customers/otp.ts decides); none for a code nobody may see. Real senders ignore it.
   */
  device?: string;
}

export interface SmsSender {
  readonly name: Env['SMS_SENDER'];
  send(message: SmsMessage, store?: RedisStore): Promise<void>;
}
