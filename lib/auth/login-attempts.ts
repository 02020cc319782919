import 'server-only';

/**
 * The sign-in rate-limit seam: signIn() asks `check` before spending a password hash and reports
 * every outcome. The default is the cooldown in lib/ratelimit/login.ts, keyed on email + IP (unknown
 * emails included, so a block doesn't reveal which accounts exist), or, from a browser that signed
 * in as that admin before, on that browser alone. `noLoginLimit` is for tests.
 */
export interface LoginAttemptKey {
  /** Lowercased and trimmed, as looked up. */
  email: string;
  ip: string;
  /** The browser's admin device id when its device cookie lists this email (lib/auth/admin-device.ts). */
  knownDevice?: string;
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
