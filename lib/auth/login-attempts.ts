import 'server-only';

/**
 * The sign-in rate-limit seam. signIn() spends a failure before it reads the admin or hashes the
 * password, keeps it when the attempt failed, and gives it back otherwise: checked first and counted
 * after, guesses sent at once all passed the check while the first hashes ran (decision 013). The
 * default is the cooldown in lib/ratelimit/login.ts, keyed on email + IP (unknown emails included,
 * so a block doesn't reveal which accounts exist), or, from a browser that signed in as that admin
 * before, on that browser alone. `noLoginLimit` is for tests.
 */
export interface LoginAttemptKey {
  /** Lowercased and trimmed, as looked up. */
  email: string;
  ip: string;
  /** The browser's admin device id when its device cookie lists this email (lib/auth/admin-device.ts). */
  knownDevice?: string;
}

/** A failure taken ahead of the outcome, or a refusal with nothing taken. */
export type LoginAttemptSpend = { allowed: true; giveBack(): Promise<void> } | { allowed: false; retryAfterSeconds: number };

export interface LoginAttempts {
  /** Counts a failure now; of attempts sent at once, only as many as the budget allows are let through. */
  spend(key: LoginAttemptKey): Promise<LoginAttemptSpend>;
  recordSuccess(key: LoginAttemptKey): Promise<void>;
}

export const noLoginLimit: LoginAttempts = {
  spend: async () => ({ allowed: true, giveBack: async () => {} }),
  recordSuccess: async () => {},
};
