import 'server-only';

import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';

/**
 * The production outbox's kept texts, read once a second per process and shared by every view in
 * that second (docs/decisions/074-outbox-views-share-one-read.md). Each view filters all 1,000 kept
 * texts for its own, so each read is some 260 KB from Redis; the page refreshes itself every 3 s and
 * anyone with a device cookie may load it, so views each reading the list cost Redis (and, on
 * Upstash, the bill) 260 KB a page view: one address at the page budget pulled 157 MB a minute.
 * A text this process sends drops the shared read, so its own sender sees it at once; another
 * instance's shows within OUTBOX_READ_REUSE_MS.
 */

export const OUTBOX_READ_REUSE_MS = 1_000;

interface SharedOutboxRead {
  store: RedisStore;
  at: number;
  read: Promise<unknown[]>;
}

declare module '@/lib/server/singletons' {
  interface ProcessSingletons {
    outboxRead?: SharedOutboxRead;
  }
}

/** `read()`'s answer, or the one another view of this process began less than a second ago on the same store. */
export function sharedOutboxRead<T>(store: RedisStore, read: () => Promise<T[]>, now: number = Date.now()): Promise<T[]> {
  const shared = singletons();
  const last = shared.outboxRead;
  if (last && last.store === store && now - last.at >= 0 && now - last.at < OUTBOX_READ_REUSE_MS) return last.read as Promise<T[]>;
  const current = { store, at: now, read: read() };
  shared.outboxRead = current;
  // A read that failed is not handed to the next view.
  current.read.catch(() => {
    if (shared.outboxRead === current) shared.outboxRead = undefined;
  });
  return current.read;
}

/** After a push: the next view reads the list again. */
export function forgetSharedOutboxRead(): void {
  singletons().outboxRead = undefined;
}
