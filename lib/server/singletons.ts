import type { DatabaseHandle } from '@/db/client';
import type { SessionRecord } from '@/lib/auth/sessions';
import type { DrainReport } from '@/lib/cache/outbox';
import type { Env } from '@/lib/env';
import type { Counters } from '@/lib/metrics/counters';
import type { RecurringJob } from '@/lib/queue/recurring';
import type { JobHandler } from '@/lib/queue/types';
import type { RateLimitState } from '@/lib/ratelimit/state';
import type { CircuitBreaker } from '@/lib/redis/circuit-breaker';
import type { RedisStore } from '@/lib/redis/types';

import type { Readiness } from './readiness';

/**
 * Everything that must be one per process lives here, on globalThis: the proxy, instrumentation and
 * every route are separate module graphs in one Node process, and hot reload re-evaluates modules,
 * so module-level state would split into copies (two in-process stores, two PGlite instances…).
 */
export interface ProcessSingletons {
  env?: Env;
  /** Production's OTP key on the in-process store (see otpSecret in lib/env.ts). */
  otpSecret?: string;
  redis?: RedisStore;
  database?: DatabaseHandle;
  redisBreaker?: CircuitBreaker;
  flights?: Map<string, Promise<unknown>>;
  /** The invalidation outbox's drain in progress, and whether its retry timer runs (lib/cache/outbox-retry.ts). */
  outboxDrain?: Promise<DrainReport>;
  outboxRetrying?: boolean;
  /** The highest outbox row this process knows was applied, and its check of Redis's copy (lib/cache/outbox-watermark.ts). */
  outboxWatermark?: number;
  outboxWatermarkCheck?: Promise<unknown>;
  /** The last readiness check (lib/server/readiness.ts): reused while it runs and for a second after. */
  readiness?: { at: number; pending: boolean; answer: Promise<Readiness> };
  /** Sessions Redis confirmed moments ago, by key (lib/auth/confirmed-sessions.ts). */
  confirmedSessions?: Map<string, { record: SessionRecord; at: number }>;
  counters?: Counters;
  cacheStats?: { counts: Map<string, number>; timer?: NodeJS.Timeout };
  /** The rate limiter, its own Redis clients, breaker and fallback: shared by the proxy and every action. */
  rateLimit?: RateLimitState;
  /** Job handlers by type (lib/queue/registry.ts), shared by every module graph that runs jobs. */
  queueHandlers?: Map<string, JobHandler>;
  /** Recurring jobs by name (lib/queue/recurring.ts), for the same reason. */
  queueRecurring?: Map<string, RecurringJob>;
  /** The in-process worker of embedded mode (lib/queue/embedded.ts). */
  queueWorker?: { controller: AbortController; done: Promise<void> };
}

const globalForThali = globalThis as unknown as { __thali?: ProcessSingletons };

export function singletons(): ProcessSingletons {
  globalForThali.__thali ??= {};
  return globalForThali.__thali;
}
