import 'server-only';

import type { LoginAttemptKey, LoginAttempts } from '@/lib/auth/login-attempts';

import type { Cooldowns, CooldownSubject } from './cooldown';
import { rateLimitState } from './state';

/**
 * The sign-in cooldown behind lib/auth/sign-in.ts's seam: 5 failures for one account from one IP in
 * 10 minutes block that pair for 15; 20 for one account from anywhere in an hour block the account.
 * Keyed on the email as typed (normalised), whether or not such an admin exists, so a block never
 * reveals which accounts do.
 */
const pair = ({ email, ip }: LoginAttemptKey): CooldownSubject => ({ policy: 'login:account-ip', parts: [email, ip] });
const account = ({ email }: LoginAttemptKey): CooldownSubject => ({ policy: 'login:account', parts: [email] });

export function loginCooldown(cooldowns: () => Cooldowns = () => rateLimitState().cooldowns): LoginAttempts {
  return {
    async check(key) {
      const result = await cooldowns().check([pair(key), account(key)]);
      return result.blocked ? { allowed: false, retryAfterSeconds: Math.ceil(result.retryAfterMs / 1_000) } : { allowed: true };
    },
    recordFailure: (key) => cooldowns().recordFailure([pair(key), account(key)]),
    // Only the pair's counter: a success from one address says nothing about guesses from others.
    recordSuccess: (key) => cooldowns().clear([pair(key)]),
  };
}
