import 'server-only';

import { sql } from 'drizzle-orm';

import { getDatabase } from '@/db/client';
import { getRedis } from '@/lib/redis/client';

import { withDeadline } from './deadline';
import { singletons } from './singletons';

declare module '@/lib/server/singletons' {
  interface ProcessSingletons {
    /** The last readiness check: reused while it runs and for a second after. */
    readiness?: { at: number; pending: boolean; answer: Promise<Readiness> };
  }
}

/**
 * Readiness: whether Postgres and Redis answer right now, each reported on its own
 * (docs/decisions/021-bounded-waits-on-postgres.md). Both are asked at once, each with its own
 * deadline, straight (not through the circuit breaker, which reports what requests saw a while ago),
 * so the answer comes within CHECK_DEADLINE_MS whatever state they are in. One check runs at a time
 * per instance; its answer is reused for at most REUSE_MS.
 */

export const CHECK_DEADLINE_MS = 1_500;
const REUSE_MS = 1_000;

export interface BackendCheck {
  ok: boolean;
  /** How long it took to answer (or to give up). */
  ms: number;
  error?: string;
}

export interface Readiness {
  ready: boolean;
  checkedAt: string;
  postgres: BackendCheck & { backend: 'postgres' | 'pglite' };
  redis: BackendCheck & { backend: 'upstash' | 'tcp' | 'memory' };
}

async function check(what: string, run: () => Promise<unknown>): Promise<BackendCheck> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    await withDeadline(run(), CHECK_DEADLINE_MS, what);
    return { ok: true, ms: ms() };
  } catch (error) {
    return { ok: false, ms: ms(), error: error instanceof Error ? error.message : String(error) };
  }
}

async function checkNow(): Promise<Readiness> {
  const database = getDatabase();
  const [postgres, redis] = await Promise.all([
    check('Postgres', () => database.db.execute(sql`select 1`)),
    check('Redis', () => getRedis().ping()),
  ]);
  return {
    ready: postgres.ok && redis.ok,
    checkedAt: new Date().toISOString(),
    postgres: { backend: database.backend, ...postgres },
    redis: { backend: getRedis().backend, ...redis },
  };
}

export function readReadiness(now: number = Date.now()): Promise<Readiness> {
  const shared = singletons();
  const last = shared.readiness;
  if (last && (last.pending || now - last.at < REUSE_MS)) return last.answer;
  const answer = checkNow();
  const entry = { at: now, pending: true, answer };
  shared.readiness = entry;
  void answer.finally(() => {
    entry.pending = false;
    entry.at = Date.now();
  });
  return answer;
}
