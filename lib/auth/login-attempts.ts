import 'server-only';

/**
 * The sign-in rate-limit seam: signIn() asks `check` before spending a password hash and reports
 * every outcome. The default is the cooldown in lib/ratelimit/login.ts (5 failures per account+IP
 * in 10 min → 15 min block, plus a per-account limit across IPs), keyed on email + IP with unknown
 * emails included, so a block doesn't reveal which accounts exist. `noLoginLimit` is for tests.
 */
export interface LoginAttemptKey {
  /** Lowercased and trimmed, as looked up. */
  email: string;
  ip: string;
}

export type LoginAttemptCheck = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface LoginAttempts {
  check(key: LoginAttemptKey): Promise<LoginAttemptCheck>;
  recordFailure(key: LoginAttemptKey): Promise<void>;
  recordSuccess(key: LoginAttemptKey): Promise<void>;
}

export const noLoginLimit: LoginAttempts = {
  check: async () => ({ allowed: true }),
  recordFailure: async () => {},
  recordSuccess: async () => {},
};
