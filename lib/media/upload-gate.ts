import 'server-only';

import { sessionCookie } from '@/lib/auth/cookie';
import { readSession } from '@/lib/auth/sessions';
import { cookieFrom } from '@/lib/http/cookies';
import { clientIdentity } from '@/lib/ratelimit/client-identity';
import { retryAfterSeconds } from '@/lib/ratelimit/headers';
import type { RateLimiter } from '@/lib/ratelimit/limiter';
import type { LimiterPolicyName } from '@/lib/ratelimit/policies';
import { rateLimitState } from '@/lib/ratelimit/state';
import type { RedisStore } from '@/lib/redis/types';

/**
 * Whether a photo upload's body may be read: asked by scripts/serve.mjs before Next buffers it (up
 * to 4 MB, for the proxy), since the route's own session check comes only after. A cookie that merely
 * looked like an admin's used to be enough, and 300 concurrent uploads with a made-up one grew a
 * server from 180 MB to 1.3 GB. Refused unread: over the client's API budget (429, counted here as
 * the proxy would, so a blocked client costs no Redis), no admin session behind the cookie (401),
 * sessions unreadable (503, as the route answers). An admin's upload is counted twice against the
 * API budget (here and in the proxy): 2 of 120 a minute.
 */
export interface UploadRefusal {
  status: 401 | 429 | 503;
  error: string;
  retryAfterSeconds?: number;
}

export interface UploadGateOptions {
  store?: RedisStore;
  /** The process's limiter by default. */
  limiter?: Pick<RateLimiter<LimiterPolicyName>, 'limit'>;
  now?: () => number;
}

export async function photoUploadRefusal(headers: Headers, options: UploadGateOptions = {}): Promise<UploadRefusal | null> {
  const now = options.now ?? Date.now;
  const limited = await (options.limiter ?? rateLimitState().limiter).limit('api', clientIdentity(headers));
  if (!limited.success) {
    const wait = retryAfterSeconds(limited.resetMs, now());
    return { status: 429, error: `Too many requests. Try again in ${wait} s.`, retryAfterSeconds: wait };
  }
  const lookup = await readSession(cookieFrom(headers, sessionCookie().name), { store: options.store });
  if (lookup.status === 'unavailable') return { status: 503, error: 'Sign-in is temporarily unavailable: nothing was changed. Try again in a moment.' };
  if (lookup.status !== 'active' || lookup.session.kind !== 'admin') return { status: 401, error: 'Sign in as an admin to upload photos.' };
  return null;
}

const GATE = Symbol.for('thali.photo-upload-gate');

/** Hands the gate to scripts/serve.mjs, which runs outside the app's bundle; called once at server start. */
export function registerPhotoUploadGate(): void {
  (globalThis as Record<symbol, unknown>)[GATE] = (headers: Headers) => photoUploadRefusal(headers);
}
