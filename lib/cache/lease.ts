/**
 * The load lease of a cache entry (SET NX PX): over all instances, one reader of a cold entry loads
 * it from Postgres while the others wait briefly and read what it stored (read-through.ts). Per
 * generation, so readers that arrive after a save never wait on a load that began before it.
 */

/** How long a holder may load before another reader may take over (a holder that died frees it so). */
export const CACHE_LEASE_MS = 2_000;
/** How often a waiting reader looks for the holder's entry. */
export const CACHE_LEASE_POLL_MS = 15;

/** Beside the entry, in its hash tag's slot. */
export function leaseKey(entryKey: string, generation: string | null): string {
  return `${entryKey}:lease:${generation ?? 'none'}`;
}
