import 'server-only';

import { singletons } from '@/lib/server/singletons';

import { LOOKUP_LIFETIME_MS } from './lookups';

/**
 * The renders of shared pages under way in this process, by path: the dependency values each began
 * from (handler.ts notes them on a miss and stores the render with them, never newer ones:
 * docs/decisions/046), and what the page itself reports about its render (a part left out, a 404).
 */

/** What a render of one shared path was started from; Next renders a path once per process at a time. */
export interface PendingRender {
  dependencies: (string | null)[];
  /** Renders started and not yet stored; their store uses the oldest values (see takePending). */
  outstanding: number;
  uncacheable: boolean;
  startedAt: number;
}

/** Bounds the bookkeeping of renders that never reach set() (a 404, an error) to this many paths. */
const MAX_PENDING = 512;
/**
 * A render not stored within this long is taken as dead (Next has failed or dropped it; Postgres
 * statements and Redis calls time out long before). Until then its record is never replaced or evicted.
 */
const PENDING_LIFETIME_MS = LOOKUP_LIFETIME_MS;

declare module '@/lib/server/singletons' {
  interface ProcessSingletons {
    /** Renders of shared pages under way, by path: Next's handler and the page are separate module graphs. */
    pageRenders?: Map<string, PendingRender>;
  }
}

function pendingRenders(): Map<string, PendingRender> {
  return (singletons().pageRenders ??= new Map());
}

/**
 * Called by a shared page that ends in a 404: its render is over without anything to store, so its
 * record makes room at once rather than after PENDING_LIFETIME_MS (made-up addresses can't crowd out
 * the renders of real pages).
 */
export function abandonRender(path: string): void {
  takePending(path);
}

/** Called by a shared page whose render left a part out because Redis could not answer: not stored. */
export function markRenderUncacheable(path: string): void {
  const render = pendingRenders().get(path);
  if (render) render.uncacheable = true;
}

/** On a miss: the values the render Next starts next begins from (an older render's, while one of this path is under way). */
export function notePending(path: string, dependencies: (string | null)[]): void {
  const pending = pendingRenders();
  const now = Date.now();
  const render = pending.get(path);
  if (render && now - render.startedAt < PENDING_LIFETIME_MS) {
    // Another render of this path is under way here: every store uses the older values, which any
    // change since differs from, so the worst case is one more render, never a stale page served.
    render.outstanding += 1;
    return;
  }
  pending.delete(path);
  if (pending.size >= MAX_PENDING) {
    // Only records whose renders are over (or dead) make room; with none, this render is not stored.
    const done = [...pending].find(([, record]) => record.outstanding <= 0 || now - record.startedAt >= PENDING_LIFETIME_MS);
    if (!done) return;
    pending.delete(done[0]);
  }
  pending.set(path, { dependencies, outstanding: 1, uncacheable: false, startedAt: now });
}

/** On the render's store: what it began from, or null when that is unknown or too old to trust. */
export function takePending(path: string): PendingRender | null {
  const pending = pendingRenders();
  const render = pending.get(path);
  if (!render) return null;
  render.outstanding -= 1;
  if (render.outstanding <= 0) pending.delete(path);
  return Date.now() - render.startedAt < PENDING_LIFETIME_MS ? render : null;
}
