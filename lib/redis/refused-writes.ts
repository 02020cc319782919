import 'server-only';

import type { RedisStore } from '@/lib/redis/types';
import { isStarvedTimeout, withDeadline } from '@/lib/server/deadline';
import { singletons } from '@/lib/server/singletons';

declare module '@/lib/server/singletons' {
  interface ProcessSingletons {
    /** Until when this process reads no cached data from Redis: Redis lately refused or dropped a write. */
    redisWritesInDoubtUntil?: number;
  }
}

/**
 * How long a refused write keeps cached reads off Redis. Longer than the saving process's outbox
 * retry (1 s) takes to land a held-back invalidation once Redis takes writes again.
 */
export const WRITES_IN_DOUBT_MS = 5_000;

/**
 * A Redis that answers reads but refuses writes (`CLIENT PAUSE … WRITE`, `maxmemory` with
 * `noeviction`, a read-only replica after a failover) can't take a save's invalidation, so what it
 * holds may be older than Postgres. Every process learns of it from its own writes, the rate
 * limiter's on every request first: reads then go to Postgres until writes have worked for a while
 * (docs/decisions/049-no-cached-reads-while-redis-refuses-writes.md).
 */
export function noteRefusedWrite(now: number = Date.now()): void {
  singletons().redisWritesInDoubtUntil = now + WRITES_IN_DOUBT_MS;
}

/** When this process last saw Redis refuse or drop a write, if it has. */
export function lastRefusedWriteAt(): number | undefined {
  const until = singletons().redisWritesInDoubtUntil;
  return until === undefined ? undefined : until - WRITES_IN_DOUBT_MS;
}

/** Whether cached data read from Redis now may predate a save (see noteRefusedWrite). */
export function writesInDoubt(now: number = Date.now()): boolean {
  return (singletons().redisWritesInDoubtUntil ?? 0) > now;
}

/** How long a write that timed out may take to answer after a read that followed it did: replies on two connections. */
const LATE_ANSWER_GRACE_MS = 10;

/**
 * A write that timed out (a limit): refused if Redis answers a read meanwhile while the write still
 * waits (`CLIENT PAUSE … WRITE` holds writes and serves reads). A Redis that is merely slow (a starved
 * redis-server, a busy machine: decision 020) answers the write it received first before the read: no
 * doubt, which sent every read of the process to Postgres for 5 s after one slow reply
 * (tests/integration/faults-cpu). One that answers neither within a budget (`CLIENT PAUSE ALL`,
 * SIGSTOP) is in doubt too: a save made meanwhile may have had its invalidation dropped with its
 * connection, and the entry it meant to replace is a HIT again once Redis answers (decision 049's
 * amendment). Only this process's own starvation is no verdict.
 */
export async function noteIfWritesStall(write: Promise<unknown>, store: RedisStore, timeoutMs: number): Promise<void> {
  let settled = false;
  write.then(
    () => (settled = true),
    () => (settled = true),
  );
  try {
    await withDeadline(store.ping(), timeoutMs, 'Redis ping');
  } catch (error) {
    if (!settled && !isStarvedTimeout(error)) noteRefusedWrite();
    return;
  }
  if (!settled) await new Promise((resolve) => setTimeout(resolve, LATE_ANSWER_GRACE_MS));
  if (!settled) noteRefusedWrite();
}
