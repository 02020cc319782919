import 'server-only';

import { singletons } from '@/lib/server/singletons';

/**
 * Concurrent reads of the same Redis keys share one command, but only one that was sent after they
 * asked: a reader that arrives while a read is out waits for it to come back and joins the next one,
 * which every reader arriving meanwhile shares. So a write acknowledged before a request arrived is
 * always seen (a save shows on the very next request), and under load one freshness check answers a
 * whole round trip's worth of requests instead of each sending its own (docs/decisions/050).
 */
interface KeyReads {
  /** The read that is out, sent before the readers now arriving asked. */
  out: Promise<unknown>;
  /** The read that goes out when `out` is back, shared by everyone who asked meanwhile. */
  next: Promise<unknown> | null;
}

declare module '@/lib/server/singletons' {
  interface ProcessSingletons {
    /** Shared reads by store, then by what they read: tests' stores are kept apart from the process's Redis. */
    sharedReads?: WeakMap<object, Map<string, KeyReads>>;
  }
}

function readsOf(store: object): Map<string, KeyReads> {
  const byStore = (singletons().sharedReads ??= new WeakMap());
  let reads = byStore.get(store);
  if (!reads) byStore.set(store, (reads = new Map()));
  return reads;
}

/**
 * `read` must not throw (a guarded read: lib/redis/guard.ts) and its answer must not be changed by
 * whoever receives it, since every reader of one command gets the same value. `bound` wraps what a
 * reader that joins the next read waits on (it may wait for two round trips: the one out, then its own).
 */
export function sharedRead<T>(store: object, key: string, read: () => Promise<T>, bound: (joined: Promise<T>) => Promise<T> = (joined) => joined): Promise<T> {
  const reads = readsOf(store);
  const current = reads.get(key);
  if (!current) return send(reads, key, read);
  current.next ??= current.out.then(() => send(reads, key, read));
  return bound(current.next as Promise<T>);
}

function send<T>(reads: Map<string, KeyReads>, key: string, read: () => Promise<T>): Promise<T> {
  const state: KeyReads = { out: read(), next: null };
  reads.set(key, state);
  void state.out.finally(() => {
    if (reads.get(key) === state && state.next === null) reads.delete(key);
  });
  return state.out as Promise<T>;
}
