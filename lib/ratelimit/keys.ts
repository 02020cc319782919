import { createHash } from 'node:crypto';

import { escapeGlob } from '@/lib/redis/glob';
import { keyPrefix } from '@/lib/redis/keys';

/**
 * Rate-limit keys (lib/redis/keys.ts has the rules). Policies live in lib/ratelimit/policies.ts.
 * @upstash/ratelimit appends `:<subject>:<window>` to a limiter prefix and its sliding-window script
 * touches two windows at once, so the subject is a hash tag: both windows share a Redis Cluster
 * slot. Emails and phone numbers are stored as a digest, so a key listing never shows them and a
 * brace in the input can't break the tag.
 */

/** The part of a policy's key after REDIS_KEY_PREFIX, e.g. `rl:api:ip`. */
export type RateLimitKeyPrefix = `rl:${string}`;

const IP_LIKE = /^[0-9a-f]*[.:][0-9a-f.:/]*$/i;

/**
 * A limiter or cooldown subject, wrapped in a hash tag: IP addresses (and IPv6 /64 prefixes) as they
 * are, any other part (an email, a phone number) as a SHA-256 digest.
 */
export function rateLimitSubject(...parts: readonly string[]): string {
  const shown = parts.map((part) =>
    IP_LIKE.test(part) ? part : createHash('sha256').update(part).digest('base64url').slice(0, 22),
  );
  return `{${shown.join(':')}}`;
}

export const rateLimitKeys = {
  /** Ratelimit's `prefix` option for one limiter policy. */
  limiterPrefix: (policyPrefix: RateLimitKeyPrefix) => `${keyPrefix()}${policyPrefix}`,
  /** Failure counter of one cooldown subject (INCR, PEXPIRE on the first failure). */
  cooldownCount: (policyPrefix: RateLimitKeyPrefix, subject: string) => `${keyPrefix()}${policyPrefix}:${subject}:count`,
  /** Present (SET … PX) while one cooldown subject is blocked. */
  cooldownBlock: (policyPrefix: RateLimitKeyPrefix, subject: string) => `${keyPrefix()}${policyPrefix}:${subject}:block`,
  /** SCAN pattern for every rate-limit key of this deployment. */
  pattern: () => `${escapeGlob(keyPrefix())}rl:*`,
} as const;
