import 'server-only';

import { randomBytes, randomUUID } from 'node:crypto';

import { log } from '@/lib/log';
import { countCacheLookup } from '@/lib/metrics/process-stats';
import { guardedRedis, guardedSharedRead, type GuardedResult } from '@/lib/redis/guard';
import { writesInDoubt } from '@/lib/redis/refused-writes';
import type { RedisStore } from '@/lib/redis/types';

import { generationKey, generationOwner, namespaceOf, withJitter } from './keys';
import { CACHE_LEASE_MS, CACHE_LEASE_POLL_MS, leaseKey } from './lease';
import { freshFlight, singleFlight } from './single-flight';
import { recordCacheLookup } from './stats';
import type { Cached, CacheStatus } from './types';

export interface ReadThroughSpec<T> {
  key: string;
  ttlMs: number;
  /** Reads the source of truth; null means "no such thing", which is never cached. */
  load: () => Promise<T | null>;
  /** Spread expiry by up to +10% (the default); false where `ttlMs` is itself a promised bound. */
  jitter?: boolean;
  /**
   * Lifetime of a generation token this read claims. Unset: none, right for a bounded set of entries
   * (the menus); one entry per customer needs its tokens to expire with it.
   */
  generationTtlMs?: number;
  /** A stored value of another shape is replaced, not served (by default every stored value is trusted). */
  isValue?: (value: unknown) => value is T;
  /**
   * Asked after a miss's load, before storing it: false answers the load without storing it. Unset:
   * every load is stored. For entries keyed by what a visitor typed (searches), whose number only a
   * budget per visitor bounds.
   */
  admit?: () => Promise<boolean>;
  /** The process's Redis by default. */
  store?: RedisStore;
  /** Test-only fault injection: runs between the Postgres load and the cache write. */
  afterLoad?: () => Promise<void>;
}

/** What is stored under an entry key: the value and the generation it was loaded under. */
interface Entry<T> {
  generation: string;
  value: T;
}

interface Lookup<T> {
  value: T | null;
  status: CacheStatus;
  degraded: boolean;
}

/**
 * Cache-aside, as the kirana board: look at Redis first (HIT); on a MISS read Postgres, write the
 * answer to Redis with a TTL, and answer. Redis trouble never fails the read: Postgres answers and
 * the outcome is marked degraded. Unknown entities are not stored, so random URLs create no keys.
 *
 * Each entry carries the generation token read (in the same MGET) before its load, and is served only
 * while that token is current, so a late refill can never undo a save: docs/decisions/004.
 */
export async function readThrough<T>(spec: ReadThroughSpec<T>, entryRead?: EntryRead): Promise<Cached<T | null>> {
  const started = performance.now();
  const lookup = await lookUp(spec, entryRead ?? (await readEntry(spec)));
  const ms = performance.now() - started;
  recordLookup(spec.key, lookup.status, lookup.degraded);
  return { value: lookup.value, cache: { status: lookup.status, ms, degraded: lookup.degraded } };
}

/** An entry's generation token and the entry, in one MGET: what every lookup starts from. */
export type EntryRead = GuardedResult<(string | null)[]>;

export async function readEntry(spec: Pick<ReadThroughSpec<unknown>, 'key' | 'store'>): Promise<EntryRead> {
  // Redis refusing writes may hold an entry a save could not invalidate: Postgres, as when it is away.
  if (writesInDoubt()) return { ok: false, reason: 'skipped' };
  // Concurrent requests for one entry share the MGET (docs/decisions/050).
  return guardedSharedRead('mget', spec.key, (redis) => redis.mget(entryKeys(spec.key)), spec.store);
}

/** What readEntry reads, in its order: for a caller that reads an entry within a wider MGET (entryReadAt). */
export function entryKeys(key: string): [string, string] {
  return [generationKey(key), key];
}

/**
 * An entry's read cut from a wider MGET that listed its entryKeys from `at`, as readEntry would have
 * answered it: skipped while Redis refuses writes, failed when the MGET failed (decision 078).
 */
export function entryReadAt(read: GuardedResult<(string | null)[]>, at: number): EntryRead {
  if (writesInDoubt()) return { ok: false, reason: 'skipped' };
  return read.ok ? { ok: true, value: read.value.slice(at, at + 2) } : read;
}

/** Counts a lookup in the admin's hit ratios, which are per cache namespace; other entries (a customer's favourites) are private. */
export function recordLookup(key: string, status: CacheStatus, degraded: boolean): void {
  const namespace = namespaceOf(key);
  if (!namespace) return;
  countCacheLookup(namespace, status === 'HIT' ? 'hit' : 'miss', degraded);
  recordCacheLookup(namespace, status);
}

/**
 * Flights are per entry key and generation (see lookUp), filed under the entry whose generation the
 * key follows, so invalidating that entry forgets them all (a city's searches: generationOwner).
 */
export function flightPrefix(key: string): string {
  return `${generationOwner(key)}#`;
}

async function lookUp<T>(spec: ReadThroughSpec<T>, read: EntryRead): Promise<Lookup<T>> {
  const { key } = spec;
  const [generation = null, raw = null] = read.ok ? read.value : [];

  if (generation !== null && raw !== null) {
    const entry = parseEntry<T>(raw, spec.isValue);
    if (entry?.generation === generation) return { value: entry.value, status: 'HIT', degraded: false };
    if (!entry) log.warn('replacing an unreadable cache entry', { key });
  }

  // Concurrent misses share one load, but only with readers that saw the same generation: a reader
  // arriving after a save saw the new token, so it never joins a load that began before the commit.
  const flight = `${flightPrefix(key)}${key}#${read.ok ? (generation ?? 'none') : 'redis-unavailable'}`;
  // Without a generation, nothing tells a load begun before another instance's save: never join one under way.
  if (!read.ok) return { value: await freshFlight(flight, () => loadAndStore(spec, false, generation)), status: 'MISS', degraded: true };
  const loaded = await singleFlight(flight, () => loadUnderLease(spec, generation));
  return { ...loaded, degraded: false };
}

/**
 * The other instances' share of stampede control: the reader that wins the entry's lease loads it; the
 * rest poll Redis for what it stores (a HIT: the value came from Redis, after a wait the timing shows)
 * and take the lease over should it expire first (the holder died or hangs). If Redis stops answering
 * meanwhile, they load themselves. Only one Postgres query per cold entry and generation, cluster-wide.
 */
async function loadUnderLease<T>(spec: ReadThroughSpec<T>, generation: string | null): Promise<{ value: T | null; status: CacheStatus }> {
  const { key, store } = spec;
  let lease = leaseKey(key, generation);
  const token = randomUUID();
  for (;;) {
    const claimed = await guardedRedis('set', (redis) => redis.set(lease, token, { nx: true, px: CACHE_LEASE_MS }), store);
    if (!claimed.ok || claimed.value) {
      const renewal = claimed.ok ? keepLease(lease, store) : undefined;
      try {
        const stored = claimed.ok ? await storedBeforeClaim(spec) : null;
        if (stored) return { value: stored.value, status: 'HIT' };
        return { value: await loadAndStore(spec, claimed.ok, generation, { key: lease, token }), status: 'MISS' };
      } finally {
        if (renewal) clearInterval(renewal);
        if (claimed.ok) await releaseLease(lease, token, store);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, CACHE_LEASE_POLL_MS));
    // readEntry: Redis found refusing writes while this reader waited may hold what a save could not
    // invalidate (a holder's store of a load from before it): the wait then ends on Postgres (decision 049).
    const read = await readEntry(spec);
    if (!read.ok) return { value: await loadAndStore(spec, false, generation), status: 'MISS' };
    const entry = currentEntry<T>(read.value, spec.isValue);
    if (entry) return { value: entry.value, status: 'HIT' };
    const [current = null] = read.value;
    // A save replaced the generation while this reader waited: a load stored under the old token is
    // never served, so contend for the current one's lease (read before any load that follows). Not
    // when there was none: a cold key's holder claims its first token just before storing its load.
    if (generation !== null && current !== generation) {
      generation = current;
      lease = leaseKey(key, generation);
    }
  }
}

/**
 * What an earlier holder stored before it let the lease go, read once more after this reader's claim.
 * The reader's last read may predate that store and still answer after the release (a read shared
 * with an earlier request, decision 050, or answered late: over REST each command is a request of its
 * own), and the claim then succeeds on a key already loaded: a second Postgres load (CI, cache-lease
 * on Upstash: 2 loads for 500 reads over two instances). A read sent after the claim comes after the
 * release, so after the store before it. One more command per cold load, none on a hit.
 */
async function storedBeforeClaim<T>(spec: ReadThroughSpec<T>): Promise<Entry<T> | null> {
  if (writesInDoubt()) return null;
  const read = await guardedRedis('mget', (redis) => redis.mget([generationKey(spec.key), spec.key]), spec.store);
  return read.ok ? currentEntry<T>(read.value, spec.isValue) : null;
}

/** The entry of an MGET of [generation key, entry key], if it is stored under the current generation. */
function currentEntry<T>([current = null, raw = null]: (string | null)[], isValue: ReadThroughSpec<T>['isValue']): Entry<T> | null {
  const entry = current !== null && raw !== null ? parseEntry<T>(raw, isValue) : null;
  return entry && entry.generation === current ? entry : null;
}

/**
 * Extends a holder's lease every half lease while its load runs, so a load slower than CACHE_LEASE_MS
 * (Postgres busy: up to its statement deadline) keeps it: a cold load is stored only while its lease
 * is still its own (stillHeld), and a lapse mid-load left a slow entry uncached for good, every reader
 * loading in turn (review). A lease Redis lost stays lost (PEXPIRE creates nothing), which is what
 * stillHeld reads; one that lapsed anyway (a starved process) and changed hands is only extended.
 */
function keepLease(lease: string, store: RedisStore | undefined): NodeJS.Timeout {
  const renewal = setInterval(() => void guardedRedis('pexpire', (redis) => redis.pexpire(lease, CACHE_LEASE_MS), store), CACHE_LEASE_MS / 2);
  renewal.unref();
  return renewal;
}

/**
 * Frees the lease only while it is still this reader's, in one step (DELIFEQ, decision 001): a load
 * that outlived CACHE_LEASE_MS has seen another reader take the lease over, and deleting that one
 * would let a third reader load as well. A GET then DEL deleted it when the lease lapsed and changed
 * hands between the two (a stalled process, a Redis that lost the key). Guarded like every cache
 * command: a failure is counted, never thrown, and the lease then lapses on its own.
 */
async function releaseLease(lease: string, token: string, store: RedisStore | undefined): Promise<void> {
  await guardedRedis('delifeq', (redis) => redis.delifeq(lease, token), store);
}

/** The lease a holder took before its load: still there after the load, Redis kept what it held meanwhile. */
interface HeldLease {
  key: string;
  token: string;
}

async function loadAndStore<T>(spec: ReadThroughSpec<T>, redisAnswered: boolean, generation: string | null, lease?: HeldLease): Promise<T | null> {
  const { key, ttlMs, load, afterLoad, store } = spec;
  const value = await load();
  await afterLoad?.();
  if (value === null || !redisAnswered) return value;
  if (spec.admit && !(await spec.admit())) return value;
  // The token read before the load; if there was none, claim one only if no writer set one meanwhile.
  const token = generation ?? (await claimGeneration(generationKey(key), spec.generationTtlMs, store));
  if (token !== null && generation === null && !(await stillHeld(lease, store))) {
    // Its claim goes too (unless replaced), so readers waiting on the cold key's lease load and store as before.
    await guardedRedis('delifeq', (redis) => redis.delifeq(generationKey(key), token), store);
    return value;
  }
  if (token !== null) {
    const entry: Entry<T> = { generation: token, value };
    const px = spec.jitter === false ? ttlMs : withJitter(ttlMs);
    await guardedRedis('set', (redis) => redis.set(key, JSON.stringify(entry), { px }), store);
  }
  return value;
}

/**
 * Whether the lease taken before a cold load is still this reader's, asked after its first token was
 * claimed: a Redis restarted empty during the load lost a save's token with the lease, and the claim
 * then succeeded on a key a save had rotated. Lease gone (or lapsed): the load is not stored. Asked
 * after the claim, so a restart after this check loses the claimed token too, and with it the entry
 * stored under it (docs/decisions/004's amendment).
 */
async function stillHeld(lease: HeldLease | undefined, store: RedisStore | undefined): Promise<boolean> {
  if (!lease) return false;
  const read = await guardedRedis('get', (redis) => redis.get(lease.key), store);
  return read.ok && read.value === lease.token;
}

export function newGenerationToken(): string {
  return randomBytes(16).toString('base64url');
}

async function claimGeneration(genKey: string, ttlMs: number | undefined, store: RedisStore | undefined): Promise<string | null> {
  const token = newGenerationToken();
  const options = ttlMs === undefined ? { nx: true } : { nx: true, px: ttlMs };
  const claimed = await guardedRedis('set', (redis) => redis.set(genKey, token, options), store);
  return claimed.ok && claimed.value ? token : null;
}

function parseEntry<T>(raw: string, isValue: ReadThroughSpec<T>['isValue']): Entry<T> | null {
  try {
    const parsed = JSON.parse(raw) as Partial<Entry<unknown>>;
    const valid = typeof parsed.generation === 'string' && 'value' in parsed && (!isValue || isValue(parsed.value));
    return valid ? (parsed as Entry<T>) : null;
  } catch {
    return null;
  }
}
