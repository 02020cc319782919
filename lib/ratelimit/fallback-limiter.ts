import 'server-only';

import type { Algorithm } from './policies';

/**
 * The in-process limiter: what the in-process store uses, and what every `fallback` policy uses
 * while Redis can't be reached. Same windows and arithmetic as @upstash/ratelimit's scripts, so a
 * policy means the same thing on either side; only the scope differs (one instance, not all).
 */

export interface WindowLimit {
  algorithm: Algorithm;
  limit: number;
  windowMs: number;
}

export interface LocalResult {
  success: boolean;
  limit: number;
  remaining: number;
  /** Epoch milliseconds when the current window ends. */
  resetMs: number;
}

interface Counter {
  window: number;
  current: number;
  previous: number;
  /** From then on neither window counts any more. */
  staleAt: number;
}

/** Bounds memory under an address-spraying attack; past it, the stalest subjects are forgotten. */
const DEFAULT_MAX_SUBJECTS = 50_000;

export class FallbackLimiter {
  private readonly counters = new Map<string, Counter>();
  private readonly maxSubjects: number;
  private readonly now: () => number;

  constructor(options: { maxSubjects?: number; now?: () => number } = {}) {
    this.maxSubjects = options.maxSubjects ?? DEFAULT_MAX_SUBJECTS;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.counters.size;
  }

  /** Counts one request of `key` (policy prefix and subject) against `policy`. */
  limit(key: string, policy: WindowLimit): LocalResult {
    const now = this.now();
    const window = Math.floor(now / policy.windowMs);
    const resetMs = (window + 1) * policy.windowMs;
    const counter = this.advance(key, window, now);
    counter.staleAt = (window + 2) * policy.windowMs;

    if (policy.algorithm === 'fixedWindow') {
      // Like the library's script: every request counts, refused ones included.
      counter.current += 1;
      return { success: counter.current <= policy.limit, limit: policy.limit, remaining: Math.max(0, policy.limit - counter.current), resetMs };
    }

    const elapsed = (now % policy.windowMs) / policy.windowMs;
    const carried = Math.floor((1 - elapsed) * counter.previous);
    if (carried + counter.current >= policy.limit) {
      return { success: false, limit: policy.limit, remaining: 0, resetMs };
    }
    counter.current += 1;
    return { success: true, limit: policy.limit, remaining: Math.max(0, policy.limit - (counter.current + carried)), resetMs };
  }

  private advance(key: string, window: number, now: number): Counter {
    let counter = this.counters.get(key);
    if (!counter) {
      if (this.counters.size >= this.maxSubjects) this.evict(now);
      counter = { window, current: 0, previous: 0, staleAt: 0 };
      this.counters.set(key, counter);
    } else if (counter.window !== window) {
      counter.previous = counter.window === window - 1 ? counter.current : 0;
      counter.current = 0;
      counter.window = window;
    }
    return counter;
  }

  /** First drops subjects whose windows no longer count, then, if still nearly full, the oldest inserted. */
  private evict(now: number): void {
    for (const [key, counter] of this.counters) {
      if (counter.staleAt <= now) this.counters.delete(key);
    }
    const excess = this.counters.size - Math.floor(this.maxSubjects * 0.9);
    if (excess <= 0) return;
    let dropped = 0;
    for (const key of this.counters.keys()) {
      if (dropped++ >= excess) break;
      this.counters.delete(key);
    }
  }
}
