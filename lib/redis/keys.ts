import { getEnv } from '@/lib/env';
import { escapeGlob } from '@/lib/redis/glob';

/**
 * The rules every Redis key follows; each concern builds its own keys beside its code
 * (lib/<concern>/keys.ts, listed in docs/redis-keys.md), with its lifetimes beside them.
 *
 * - Colon-separated and versioned (`menu:v2:…`): bump the version when a value's shape changes and old
 *   entries simply stop being read, then expire.
 * - The per-entity part sits in a hash tag (`{…}`) so keys that one command or script touches together
 *   (an entry and its generation marker, say) land in one Redis Cluster slot. Three commands still
 *   span slots (the page cache's MGET, a signed-in menu visitor request's MGET and the cache purge's
 *   DEL: docs/redis-keys.md), so the app as a whole is not
 *   Cluster-ready; none of its three drivers needs it to be.
 * - REDIS_KEY_PREFIX namespaces everything (`keyPrefix()` starts every key), so a preview and a
 *   production deployment can share one Upstash database.
 */
export function keyPrefix(): string {
  return getEnv().REDIS_KEY_PREFIX ?? '';
}

/** Lifetime units for the TTLs defined beside the keys. */
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** SCAN pattern for every key of this deployment, all namespaces (the admin counts them in one pass). */
export function deploymentPattern(): string {
  return `${escapeGlob(keyPrefix())}*`;
}

/** A key's first segment after REDIS_KEY_PREFIX (its namespace); undefined for a key without this prefix. */
export function segmentOf(key: string): string | undefined {
  const ours = keyPrefix();
  if (!key.startsWith(ours)) return undefined;
  const bare = key.slice(ours.length);
  const end = bare.indexOf(':');
  return end > 0 ? bare.slice(0, end) : undefined;
}
