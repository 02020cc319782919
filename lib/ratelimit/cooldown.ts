import 'server-only';

import { rateLimitKeys, rateLimitSubject } from './keys';
import type { CircuitBreaker } from '@/lib/redis/circuit-breaker';
import type { RedisStore } from '@/lib/redis/types';
import { DeadlineError, isStarvedTimeout, withDeadline } from '@/lib/server/deadline';

import { cooldownPolicies, type CooldownPolicy, type CooldownPolicyName } from './policies';

/**
 * Failure cooldowns (admin sign-in; wrong sign-in codes): `maxFailures` within `windowMs` block the
 * subject for `blockMs`. Plain commands with Redis's own TTLs, so it behaves the same on all three
 * drivers and nothing needs cleaning up: INCR the counter (PEXPIRE on the first failure), SET the
 * block key with PX when the count is reached, DEL the counter on success.
 *
 * `check` then `recordFailure` lets concurrent attempts all pass the check before any failure is
 * counted. Where that matters (wrong sign-in codes: an address may have many codes pending and
 * send all its guesses at once; admin passwords, guessed at once while the first hashes run),
 * `spend` takes the failure before the attempt is judged, with the same commands, and the caller
 * gives it back when the attempt turned out not to be a failure.
 *
 * While the shared store is unreachable the same logic runs on an in-process store (per instance,
 * never unlimited), and checks consult both, so failures recorded during an outage still count.
 */

export interface CooldownSubject {
  policy: CooldownPolicyName;
  /** What is counted, e.g. [email, ip]; emails are stored only as digests (lib/cache/keys.ts). */
  parts: readonly string[];
}

export type CooldownCheck = { blocked: false } | { blocked: true; retryAfterMs: number };

/** A failure taken ahead of the outcome: `giveBack()` when the attempt turned out not to be one. */
export type CooldownSpend = { blocked: false; giveBack(): Promise<void> } | { blocked: true; retryAfterMs: number };

export interface Cooldowns {
  check(subjects: readonly CooldownSubject[]): Promise<CooldownCheck>;
  recordFailure(subjects: readonly CooldownSubject[]): Promise<void>;
  clear(subjects: readonly CooldownSubject[]): Promise<void>;
  /**
   * Counts a failure for every subject now, before the attempt is judged: of concurrent attempts, only
   * as many as the budget allows get through (each INCR is atomic on every driver). Refused, with
   * nothing kept, when a subject's budget is already spent.
   */
  spend(subjects: readonly CooldownSubject[]): Promise<CooldownSpend>;
}

export interface CooldownOptions {
  /** The app's RedisStore (lib/redis/client.ts), looked up per call. */
  store: () => RedisStore;
  /** An in-process store for outages. */
  local: RedisStore;
  breaker: CircuitBreaker;
  /** Budget for one check or one recording (a few commands) on the shared store. */
  timeoutMs: number;
  policies?: Readonly<Record<CooldownPolicyName, CooldownPolicy>>;
  onOutage?: (event: 'opened' | 'recovered', error?: unknown) => void;
}

export function createCooldowns(options: CooldownOptions): Cooldowns {
  const policies = options.policies ?? cooldownPolicies();
  const keysOf = ({ policy, parts }: CooldownSubject) => {
    const { keyPrefix } = policies[policy];
    const subject = rateLimitSubject(...parts);
    return { count: rateLimitKeys.cooldownCount(keyPrefix, subject), block: rateLimitKeys.cooldownBlock(keyPrefix, subject) };
  };

  async function blockedFor(store: RedisStore, subjects: readonly CooldownSubject[]): Promise<number> {
    const ttls = await Promise.all(subjects.map((subject) => store.pttl(keysOf(subject).block)));
    // -1 (a block key without expiry) can only come from outside this module: honour it for a full block.
    return Math.max(0, ...ttls.map((ttl, i) => (ttl === -1 ? policies[subjects[i]!.policy].blockMs : ttl)));
  }

  async function recordOn(store: RedisStore, subjects: readonly CooldownSubject[]): Promise<void> {
    await Promise.all(
      subjects.map(async (subject) => {
        const policy = policies[subject.policy];
        const { count, block } = keysOf(subject);
        const failures = await store.incr(count);
        if (failures === 1) await store.pexpire(count, policy.windowMs);
        if (failures >= policy.maxFailures) {
          await store.set(block, '1', { px: policy.blockMs });
          // Counting starts afresh after the block. This also heals a counter whose PEXPIRE was lost.
          await store.del([count]);
        }
      }),
    );
  }

  interface Taken {
    subject: CooldownSubject;
    over: boolean;
    /** This failure was the budget's last and set the block. */
    blocked: boolean;
  }

  async function takeOn(store: RedisStore, subjects: readonly CooldownSubject[]): Promise<Taken[]> {
    return Promise.all(
      subjects.map(async (subject) => {
        const policy = policies[subject.policy];
        const { count, block } = keysOf(subject);
        const failures = await store.incr(count);
        if (failures === 1) await store.pexpire(count, policy.windowMs);
        const last = failures === policy.maxFailures;
        // The block starts; the count is kept as long, so the failures taken past it are refused until
        // both go (this also heals a counter whose PEXPIRE was lost).
        if (last) await Promise.all([store.set(block, '1', { px: policy.blockMs }), store.pexpire(count, policy.blockMs)]);
        return { subject, over: failures > policy.maxFailures, blocked: last };
      }),
    );
  }

  async function giveBackOn(store: RedisStore, taken: readonly Taken[]): Promise<void> {
    await Promise.all(
      taken.map(async ({ subject, blocked }) => {
        const { count, block } = keysOf(subject);
        // Below zero: the window ended in between and INCRBY made a key without a TTL; nothing to keep.
        if ((await store.incrby(count, -1)) < 0) await store.del([count]);
        if (blocked) await store.del([block]);
      }),
    );
  }

  /**
   * `late` is handed a call that missed the deadline: its commands go on, and a slow Redis applies
   * them all the same.
   */
  async function onShared<T>(
    run: (store: RedisStore) => Promise<T>,
    late?: (call: Promise<T>) => void,
  ): Promise<{ ok: true; value: T } | { ok: false }> {
    if (!options.breaker.tryAcquire()) return { ok: false };
    const call = run(options.store());
    try {
      const value = await withDeadline(call, options.timeoutMs, 'cooldown store');
      if (options.breaker.recordSuccess() === 'recovered') options.onOutage?.('recovered');
      return { ok: true, value };
    } catch (error) {
      if (error instanceof DeadlineError) late?.(call);
      // A starved process's timeout says nothing about Redis (lib/server/deadline.ts).
      if (isStarvedTimeout(error)) options.breaker.releaseProbe();
      else if (options.breaker.recordFailure() === 'opened') options.onOutage?.('opened', error);
      return { ok: false };
    }
  }

  /**
   * A give-back of what a spend took on the shared store goes there even while the breaker is open:
   * the take landed, so the give-back is owed there, and the breaker (shared with the proxy's limits)
   * opens under a fault's other requests in the moment between the two. Skipped, it kept one of the
   * budget for its window (fault review "faults", 2026-12-07: a checkout that failed as Redis did kept
   * one of the address's orders of the day, decision 072). Its outcome is not the breaker's to count.
   */
  async function owedToShared(run: (store: RedisStore) => Promise<void>): Promise<void> {
    await withDeadline(run(options.store()), options.timeoutMs, 'cooldown store').catch(() => {});
  }

  return {
    async check(subjects) {
      const [shared, local] = await Promise.all([
        onShared((store) => blockedFor(store, subjects)),
        blockedFor(options.local, subjects),
      ]);
      const retryAfterMs = Math.max(shared.ok ? shared.value : 0, local);
      return retryAfterMs > 0 ? { blocked: true, retryAfterMs } : { blocked: false };
    },

    async recordFailure(subjects) {
      const shared = await onShared((store) => recordOn(store, subjects));
      if (!shared.ok) await recordOn(options.local, subjects);
    },

    async clear(subjects) {
      const counts = subjects.map((subject) => keysOf(subject).count);
      await Promise.all([onShared((store) => store.del(counts)), options.local.del(counts)]);
    },

    async spend(subjects) {
      // A block set during an outage still holds (in-process, no round trip).
      const local = await blockedFor(options.local, subjects);
      if (local > 0) return { blocked: true, retryAfterMs: local };
      // A take that missed the deadline is counted in-process instead, but may land on the shared store
      // after all: a give-back reaches it there too, or right answers through a slow Redis added up to
      // a block (five right passwords blocked the sixth). A failure's late take stays: it is one.
      let lateShared: Promise<Taken[]> | undefined;
      const shared = await onShared(
        (store) => takeOn(store, subjects),
        (call) => {
          lateShared = call;
        },
      );
      const taken = shared.ok ? shared.value : await takeOn(options.local, subjects);
      // Later commands go where the failure was taken: the shared store (guarded as above) or the local one.
      const onSame = async <T>(run: (store: RedisStore) => Promise<T>): Promise<T | undefined> => {
        if (!shared.ok) return run(options.local);
        const result = await onShared(run);
        return result.ok ? result.value : undefined;
      };
      const giveBack = async () => {
        if (shared.ok) await owedToShared((store) => giveBackOn(store, taken));
        else await giveBackOn(options.local, taken);
        void lateShared?.then((landed) => giveBackOn(options.store(), landed)).catch(() => {});
      };
      const over = taken.filter((entry) => entry.over).map((entry) => entry.subject);
      if (over.length === 0) return { blocked: false, giveBack };
      // Refused before the attempt: it is no failure, so nothing it took is kept.
      await giveBack();
      const waitMs = (await onSame((store) => blockedFor(store, over))) ?? 0;
      return { blocked: true, retryAfterMs: waitMs > 0 ? waitMs : Math.max(...over.map((subject) => policies[subject.policy].blockMs)) };
    },
  };
}
