import 'server-only';

import type { Env } from '@/lib/env';
import { log } from '@/lib/log';

import type { SmsMessage, SmsSender } from './types';

/**
 * Texts through Twilio's Messages API (SMS_SENDER=twilio): one form-encoded POST to
 * `{base}/2010-04-01/Accounts/{AccountSid}/Messages.json` with To, From (or MessagingServiceSid) and
 * Body, authenticated with HTTP basic auth AccountSid:AuthToken. Twilio answers 201 with the message.
 *
 * Retries, with exponential backoff and jitter, only where the message cannot have been created, so
 * a retry never sends a text twice (the API takes no idempotency key): the connection was never
 * made (refused, unresolvable, unreachable, connect timeout), or Twilio refused it outright (429, or
 * 503 with Retry-After). A timeout, a reset connection or any other 5xx may come after Twilio
 * accepted the message: those fail without a retry and say so (`mayHaveBeenSent`), and the caller
 * decides (a customer asks for a new code; an order text keeps its claim and is not sent again).
 * docs/decisions/012-sms-provider-twilio.md. No message body, and no number, is ever logged.
 */

export type TwilioSettings = Pick<
  Env,
  'TWILIO_ACCOUNT_SID' | 'TWILIO_AUTH_TOKEN' | 'TWILIO_FROM' | 'TWILIO_MESSAGING_SERVICE_SID' | 'TWILIO_API_BASE_URL'
>;

export interface TwilioOptions {
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Tries per message, the first included. */
  maxAttempts?: number;
  /** One request's budget; no answer in time is a failure that is not retried. */
  attemptTimeoutMs?: number;
  /** Never wait longer than this between tries, nor for a longer Retry-After (the caller is a request). */
  maxDelayMs?: number;
}

export class SmsSendError extends Error {
  override name = 'SmsSendError';
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    /** The request went out and no clear answer came back: Twilio may have taken the message. */
    readonly mayHaveBeenSent = false,
  ) {
    super(message);
  }
}

/** Whether a failed send may all the same have texted (a timeout or reset after the request went out). */
export function mayHaveBeenSent(error: unknown): boolean {
  return error instanceof SmsSendError && error.mayHaveBeenSent;
}

/**
 * Twilio turned this message down itself (a 4xx other than 408 and 429: an unsubscribed or invalid
 * number, a region not enabled, bad credentials): asking again gets the same answer, so an order text
 * is not retried (decision 012's amendment).
 */
export function refusedForGood(error: unknown): boolean {
  const status = error instanceof SmsSendError ? error.status : undefined;
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** Connection errors that happen before a single byte of the request reached anyone. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

const BASE_DELAY_MS = 250;

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/** Retry-After in ms (seconds or an HTTP date), or undefined when absent or unreadable. */
function retryAfterMs(response: Response, now: number): number | undefined {
  const value = response.headers.get('retry-after');
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1_000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

async function twilioErrorCode(response: Response): Promise<number | undefined> {
  try {
    const body = (await response.json()) as { code?: unknown };
    return typeof body.code === 'number' ? body.code : undefined;
  } catch {
    return undefined;
  }
}

export function twilioSender(settings: TwilioSettings, options: TwilioOptions = {}): SmsSender {
  const { TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: token } = settings;
  if (!sid || !token || (!settings.TWILIO_FROM && !settings.TWILIO_MESSAGING_SERVICE_SID)) {
    throw new Error('twilio sender: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID are required');
  }
  const send = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const maxAttempts = options.maxAttempts ?? 3;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 10_000;
  const maxDelayMs = options.maxDelayMs ?? 5_000;
  const url = `${settings.TWILIO_API_BASE_URL}/2010-04-01/Accounts/${sid}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`;

  /** One try: undefined when sent, else how long to wait before the next (null: don't retry). */
  async function attempt(message: SmsMessage): Promise<{ retryInMs: number | null; error: SmsSendError } | undefined> {
    const form = new URLSearchParams({ To: `+${message.to}`, Body: message.body });
    if (settings.TWILIO_MESSAGING_SERVICE_SID) form.set('MessagingServiceSid', settings.TWILIO_MESSAGING_SERVICE_SID);
    else form.set('From', settings.TWILIO_FROM!);
    let response: Response;
    try {
      response = await send(url, {
        method: 'POST',
        headers: { Authorization: authorization, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: form,
        signal: AbortSignal.timeout(attemptTimeoutMs),
        redirect: 'error',
      });
    } catch (error) {
      const code = causeCode(error);
      const retryable = code !== undefined && NOT_CONNECTED.has(code);
      const reason = retryable ? `could not connect (${code})` : `no answer (${code ?? (error instanceof Error ? error.name : 'error')}); the text may have been sent`;
      return { retryInMs: retryable ? 0 : null, error: new SmsSendError(`twilio: ${reason}`, retryable, undefined, !retryable) };
    }
    if (response.status === 201 || response.status === 200) {
      await response.body?.cancel();
      return undefined;
    }
    const wait = retryAfterMs(response, Date.now());
    const code = await twilioErrorCode(response);
    const retryable = response.status === 429 || (response.status === 503 && wait !== undefined);
    // A 4xx (429 included) took nothing; a 5xx other than a 503 with Retry-After may come after the message was created.
    const ambiguous = response.status >= 500 && !retryable;
    const error = new SmsSendError(`twilio: HTTP ${response.status}${code ? ` (error ${code})` : ''}`, retryable, response.status, ambiguous);
    return { retryInMs: retryable ? (wait ?? 0) : null, error };
  }

  return {
    name: 'twilio',
    async send(message) {
      for (let tries = 1; ; tries++) {
        const failed = await attempt(message);
        if (!failed) return;
        const backoff = Math.floor(random() * BASE_DELAY_MS * 2 ** (tries - 1));
        const delay = failed.retryInMs === null ? null : Math.max(failed.retryInMs, backoff);
        if (delay === null || tries >= maxAttempts || delay > maxDelayMs) {
          log.warn('sms: twilio did not take the message', { kind: message.kind, tries, reason: failed.error.message });
          throw failed.error;
        }
        await sleep(delay);
      }
    },
  };
}
