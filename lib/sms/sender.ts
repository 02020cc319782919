import 'server-only';

import { randomUUID } from 'node:crypto';

import { OUTBOX_TTL_MS, smsKeys } from './keys';
import { getEnv, type Env } from '@/lib/env';
import { log } from '@/lib/log';
import { getRedis } from '@/lib/redis/client';
import { DeadlineError } from '@/lib/server/deadline';
import type { RedisStore } from '@/lib/redis/types';

import { knowsPhone, type CustomerDevice } from '@/lib/customers/device';
import { forgetSharedOutboxRead, sharedOutboxRead } from './outbox-shared-read';
import { SmsSendError, twilioSender } from './twilio';
import type { SmsMessage, SmsSender } from './types';

export type { SmsMessage, SmsSender } from './types';

export interface OutboxMessage extends SmsMessage {
  id: string;
  sentAt: string;
}

/** How many of the newest outbox messages are shown (older ones expire with the list). */
export const OUTBOX_SHOWN = 50;
/**
 * How far back a browser's own messages are looked for among everyone's, in production; also how
 * many the list keeps, since no older one is ever read.
 */
export const OUTBOX_KEPT = 1_000;

/**
 * The demo outbox: one Redis list that every instance pushes to (LPUSH) and /dev/outbox reads, so a
 * code sent by one server is shown by any. Trimmed to the newest OUTBOX_KEPT on each push: its TTL
 * is renewed by every push too, so a demo used once a day never let it expire, and the daily caps
 * (some 40,000 texts a day, which anyone can ask for) only slowed its growth.
 */
export const outboxSender: SmsSender = {
  name: 'outbox',
  async send(message, store = getRedis()) {
    const entry: OutboxMessage = { ...message, id: randomUUID(), sentAt: new Date().toISOString() };
    const key = smsKeys.outbox();
    let length: number;
    try {
      length = await store.lpush(key, [JSON.stringify(entry)]);
    } catch (error) {
      forgetSharedOutboxRead();
      // A push unanswered in time may still land (a paused or frozen Redis runs it later): like a
      // Twilio request that went out unanswered, it may have been sent, so an order text is not retried.
      if (error instanceof DeadlineError) throw new SmsSendError('The outbox did not answer the push in time', false, undefined, true);
      throw error;
    }
    // The next view reads the list again, so this text is shown at once (outbox-shared-read.ts).
    forgetSharedOutboxRead();
    // The text is in: a trim or TTL that fails is the next push's to redo, never a reason to send it again.
    try {
      if (length > OUTBOX_KEPT) await store.ltrim(key, 0, OUTBOX_KEPT - 1);
      await store.pexpire(key, OUTBOX_TTL_MS);
    } catch (error) {
      log.warn('outbox: a text was pushed but its list not trimmed or given its TTL', { error: error instanceof Error ? error.message : String(error) });
    }
  },
};

export function smsSender(env: Env = getEnv()): SmsSender {
  switch (env.SMS_SENDER) {
    case 'outbox':
      return outboxSender;
    case 'twilio':
      return twilioSender(env);
  }
}

/** Whether codes go to the demo outbox (pages then show the demo-mode banner, and /dev/outbox exists). */
export function outboxEnabled(env: Env = getEnv()): boolean {
  return env.SMS_SENDER === 'outbox';
}

/** The newest outbox messages, newest first. */
export async function readOutbox(store: RedisStore = getRedis(), count = OUTBOX_SHOWN): Promise<OutboxMessage[]> {
  const raw = await store.lrange(smsKeys.outbox(), 0, count - 1);
  return raw.flatMap((line) => {
    try {
      return [JSON.parse(line) as OutboxMessage];
    } catch {
      return [];
    }
  });
}

/** Whether /dev/outbox shows each browser only its own (production: a demo deployment must not show one customer's codes or orders to another). */
export function outboxScopedToDevice(env: Env = getEnv()): boolean {
  return env.NODE_ENV === 'production';
}

/**
 * What /dev/outbox shows this browser: when scoped (outboxScopedToDevice), its own codes and the texts
 * to numbers it signed in with; else everything.
 */
export async function readOutboxFor(device: CustomerDevice | null, env: Env = getEnv(), store: RedisStore = getRedis()): Promise<OutboxMessage[]> {
  if (!outboxScopedToDevice(env)) return readOutbox(store);
  // Scoped, a browser without a device sees nothing: the 1,000 texts are not even read for it.
  if (!device) return [];
  // One read a second per process, shared by every view (outbox-shared-read.ts: 260 KB a read).
  const messages = await sharedOutboxRead(store, () => readOutbox(store, OUTBOX_KEPT));
  // One digest per number, not per text: the page refreshes every 3 s, and a digest for each of
  // 1,000 texts cost a view some 180 ms of CPU (attack review: one address at the page limit kept
  // both cores busy).
  const known = new Map<string, boolean>();
  const knows = (phone: string) => {
    let answer = known.get(phone);
    if (answer === undefined) known.set(phone, (answer = device.known.length > 0 && knowsPhone(device, phone)));
    return answer;
  };
  return messages.filter((message) => (message.kind === 'otp' ? message.device === device.id : knows(message.to))).slice(0, OUTBOX_SHOWN);
}
