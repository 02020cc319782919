import 'server-only';

import type { LoginAttemptKey, LoginAttempts } from '@/lib/auth/login-attempts';

import { addressBlock } from './client-identity';
import type { Cooldowns, CooldownSubject } from './cooldown';
import { rateLimitState } from './state';

/**
 * The admin sign-in cooldown behind lib/auth/sign-in.ts's seam (docs/decisions/013-…), keyed on the
 * email as typed (normalised), whether or not such an admin exists, so a block never reveals which
 * accounts do. Each attempt spends a failure before the password is hashed (`Cooldowns.spend`), so
 * guesses sent at once can't all pass; signIn() gives it back unless the attempt failed.
 *
 * - From a browser that signed in as that admin before (a valid device cookie listing the email):
 *   only that browser's own failures count (`login:device`), so nobody elsewhere can lock it out.
 * - From anywhere else: failures per address across all accounts (`login:ip`) and per address
 *   block (`login:block`, IPv4 /24 or IPv6 /48: each failure cost a password hash, so a /48's
 *   65,536 clients must not each have an address's budget), per account and address
 *   (`login:account-ip`), and per account from unknown browsers (`login:account`), whose block
 *   shuts out unknown browsers only.
 */
const byDevice = ({ email, knownDevice }: LoginAttemptKey): CooldownSubject => ({ policy: 'login:device', parts: [email, knownDevice!] });
const byIp = ({ ip }: LoginAttemptKey): CooldownSubject => ({ policy: 'login:ip', parts: [ip] });
/** None for a client with no wider block (an unknown one): its own budget is the block's. */
const byBlock = ({ ip }: LoginAttemptKey): CooldownSubject[] => (addressBlock(ip) === ip ? [] : [{ policy: 'login:block', parts: [addressBlock(ip)] }]);
const pair = ({ email, ip }: LoginAttemptKey): CooldownSubject => ({ policy: 'login:account-ip', parts: [email, ip] });
const account = ({ email }: LoginAttemptKey): CooldownSubject => ({ policy: 'login:account', parts: [email] });

/**
 * What an attempt spends, in turn: a stranger's address (and block) first, the account's budgets only
 * once those passed. Spent at once, an address already blocked still wrote a counter per email it
 * typed (given back to 0, kept for the window): one address at the page budget held some 40,000 keys
 * (attack review, 2026-12-07). The address's own keys are the only ones its refused attempts touch.
 */
const stagesOf = (key: LoginAttemptKey): CooldownSubject[][] =>
  key.knownDevice ? [[byDevice(key)]] : [[byIp(key), ...byBlock(key)], [pair(key), account(key)]];

const refused = (retryAfterMs: number) => ({ allowed: false as const, retryAfterSeconds: Math.ceil(retryAfterMs / 1_000) });

export function loginCooldown(cooldowns: () => Cooldowns = () => rateLimitState().cooldowns): LoginAttempts {
  return {
    async spend(key) {
      const taken: (() => Promise<void>)[] = [];
      const giveBack = async () => {
        await Promise.all(taken.map((back) => back()));
      };
      for (const subjects of stagesOf(key)) {
        const spent = await cooldowns().spend(subjects);
        if (spent.blocked) {
          // Refused before the attempt: what the earlier stages took is no failure either.
          await giveBack();
          return refused(spent.retryAfterMs);
        }
        taken.push(spent.giveBack);
      }
      return { allowed: true, giveBack };
    },
    // The counters of this browser or this address with this account: a success elsewhere says nothing about guesses here.
    recordSuccess: (key) => cooldowns().clear([key.knownDevice ? byDevice(key) : pair(key)]),
  };
}
