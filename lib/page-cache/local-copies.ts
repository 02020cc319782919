import 'server-only';

import { singletons } from '@/lib/server/singletons';

import type { PageEntry } from './entry';

/**
 * Decoded copies of the pages this process has served, so a warm request reads only the stored
 * page's id and its dependencies from Redis (a few dozen bytes) instead of the page (a few hundred
 * KB to transfer and parse). A copy is used only when Redis says it is still the stored one, on every
 * request, so it is never older than what any other instance would serve (docs/decisions/046).
 */
interface LocalCopy {
  id: string;
  entry: PageEntry;
  bytes: number;
}

declare module '@/lib/server/singletons' {
  interface ProcessSingletons {
    /** By shared path, least recently used first. */
    pageCopies?: { copies: Map<string, LocalCopy>; bytes: number };
  }
}

/** Bounds the memory the copies take (about a hundred menu pages). */
export const LOCAL_COPIES_MAX_BYTES = 32 * 1024 * 1024;

/** This process's copies and the bytes they hold (not a RedisStore). */
function copiesState() {
  return (singletons().pageCopies ??= { copies: new Map(), bytes: 0 });
}

/** The copy of the stored page `id` at `path`, if this process has it. */
export function localCopy(path: string, id: string): PageEntry | null {
  const { copies } = copiesState();
  const copy = copies.get(path);
  if (!copy || copy.id !== id) return null;
  // Most recently used last.
  copies.delete(path);
  copies.set(path, copy);
  return copy.entry;
}

export function keepLocalCopy(path: string, id: string, entry: PageEntry, bytes: number, maxBytes: number = LOCAL_COPIES_MAX_BYTES): void {
  const state = copiesState();
  const previous = state.copies.get(path);
  if (previous) {
    state.copies.delete(path);
    state.bytes -= previous.bytes;
  }
  if (bytes > maxBytes) return;
  for (const [oldest, copy] of state.copies) {
    if (state.bytes + bytes <= maxBytes) break;
    state.copies.delete(oldest);
    state.bytes -= copy.bytes;
  }
  state.copies.set(path, { id, entry, bytes });
  state.bytes += bytes;
}
