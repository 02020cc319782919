import 'server-only';

import { singletons } from '@/lib/server/singletons';

/**
 * Concurrent reads of the same Redis keys share one command, but only one sent after they asked: a
 * reader that arrives while a read is out joins the next one, which every reader arriving meanwhile
 * shares. So a write acknowledged before a request arrived is always seen (a save shows on the very
 * next request), and under load one freshness check answers many requests instead of each sending
 * its own (docs/decisions/050).
 *
 * The next read goes out when the one out comes back or SHARE_WINDOW_MS after its first reader
 * asked, whichever is first: on a local Redis the reply is back well within the window, and on a
 * remote one (Upstash across regions, tens of milliseconds) a reader waits its own round trip plus at
 * most the window, never the read out as well.
 */
export const SHARE_WINDOW_MS = 5;

interface KeyReads {
  /** Reads sent and not back yet. */
  out: number;
  /** The read that goes out next, shared by everyone who asks until it is sent. */
  next: { answer: Promise<unknown>; send: () => void } | null;
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
 * whoever receives it, since every reader of one command gets the same value. `key` names what
 * `read` reads: two callers may share a key only if they send the same command.
 */
export function sharedRead<T>(store: object, key: string, read: () => Promise<T>): Promise<T> {
  const reads = readsOf(store);
  let state = reads.get(key);
  if (!state) reads.set(key, (state = { out: 0, next: null }));
  if (state.out === 0) return send(reads, key, state, read);
  if (!state.next) {
    let release!: () => void;
    const sent = new Promise<void>((resolve) => (release = resolve));
    const timer = setTimeout(release, SHARE_WINDOW_MS);
    const keyState = state;
    const next: NonNullable<KeyReads['next']> = {
      answer: sent.then(() => {
        // Sent now: whoever asks from here on waits for the read after this one.
        if (keyState.next === next) keyState.next = null;
        return send(reads, key, keyState, read);
      }),
      send: () => {
        clearTimeout(timer);
        release();
      },
    };
    state.next = next;
  }
  return state.next.answer as Promise<T>;
}

function send<T>(reads: Map<string, KeyReads>, key: string, state: KeyReads, read: () => Promise<T>): Promise<T> {
  state.out += 1;
  const answer = read();
  const replied = () => {
    state.out -= 1;
    // The reply is in: whoever asked since shares a read sent now.
    state.next?.send();
    if (state.out === 0 && state.next === null && reads.get(key) === state) reads.delete(key);
  };
  // Both ways, so a read that fails anyway reaches its readers without a second, unhandled rejection.
  answer.then(replied, replied);
  return answer;
}
