import 'server-only';

import { guardedRedis } from '@/lib/redis/guard';
import { writesInDoubt } from '@/lib/redis/refused-writes';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';

import { dependenciesOf } from './dependencies';
import { pageOfSharedPath } from './paths';

/**
 * Next's response cache runs one lookup per shared path at a time in a process (the handler's get,
 * then the render after a miss) and hands its answer to every request for that path that arrives
 * before it ends. A request that came after a save would get a page read or rendered before it, on
 * the instance where that render ran. So the handler records each path's latest lookup here, and the proxy asks
 * `joinsOlderRender` before it rewrites a request to the shared page (docs/decisions/052-no-request-joins-a-render-begun-before-a-save.md).
 */

/** The dependency values a lookup read and whether it found the page; null when it read nothing from Redis. */
export type LookupRead = { values: (string | null)[]; hit: boolean } | null;

export interface Lookup {
  read: Promise<LookupRead>;
  /** Resolved once Next has handed out its answer and no later request can join it. */
  ended: Promise<void>;
  done: boolean;
  /** A render without Redis that a request gave up waiting for: later requests render per request at once. */
  abandoned: boolean;
  startedAt: number;
  /** The first call counts. */
  settle(read: LookupRead): void;
  end(): void;
}

declare module '@/lib/server/singletons' {
  interface ProcessSingletons {
    /** The latest lookup of each shared path (see above). */
    pageLookups?: Map<string, Lookup>;
  }
}

/**
 * Bounds the records of lookups that never reached Next's set (a render that threw): made-up addresses
 * can't grow the map without end. Dropping one only skips the check for its path's current lookup.
 */
export const MAX_LOOKUPS = 1024;
/**
 * A render that threw never reaches Next's set, so nothing ends its record: past this age it is taken
 * as over (Postgres statements and Redis calls time out long before; the handler's pending renders
 * use the same age). Else, after a save, its path would render per request, an MGET more each, for good.
 */
export const LOOKUP_LIFETIME_MS = 60_000;
/** How long a request waits for a render that ran without Redis to end, before it renders per request. */
export const RENDER_WAIT_MS = 1_000;

function lookups(): Map<string, Lookup> {
  return (singletons().pageLookups ??= new Map());
}

/** Records a lookup of `path` as its latest: Next runs one per path at a time, so it replaces an earlier record. */
export function beginLookup(path: string): Lookup {
  let settle!: (read: LookupRead) => void;
  let finish!: () => void;
  const read = new Promise<LookupRead>((resolve) => (settle = resolve));
  const ended = new Promise<void>((resolve) => (finish = resolve));
  const lookup: Lookup = {
    read,
    ended,
    done: false,
    abandoned: false,
    startedAt: Date.now(),
    settle,
    end: () => {
      // Next lets go of the shared answer in promise callbacks after the handler returns: a turn later it is gone.
      setImmediate(() => {
        lookup.done = true;
        if (lookups().get(path) === lookup) lookups().delete(path);
        finish();
      });
    },
  };
  const all = lookups();
  all.delete(path);
  if (all.size >= MAX_LOOKUPS) all.delete(all.keys().next().value!);
  all.set(path, lookup);
  return lookup;
}

/** After the render's store (Next's set): the lookup is over. A render that failed leaves its record to the next lookup. */
export function endLookup(path: string): void {
  lookups().get(path)?.end();
}

/**
 * Whether a request for `path` arriving now would be handed the answer of a lookup that began before
 * something the page shows changed: then it renders per request instead. A lookup still reading is
 * waited for (its one Redis round trip); a HIT is let go and the request asks afresh; a render under
 * way is compared with the current dependency values (one MGET, only while a render of this path runs
 * here). A render without Redis, no answer now, or a Redis that may be refusing writes (decision
 * 049): the request waits for it to end (waitForEnd).
 */
export async function joinsOlderRender(path: string, store?: RedisStore): Promise<boolean> {
  const lookup = lookups().get(path);
  const page = pageOfSharedPath(path);
  if (!lookup || lookup.done || page === null) return false;
  const read = await lookup.read;
  if (Date.now() - lookup.startedAt >= LOOKUP_LIFETIME_MS) {
    if (lookups().get(path) === lookup) lookups().delete(path);
    return false;
  }
  if (read === null) return waitForEnd(lookup);
  if (read.hit) {
    await lookup.ended;
    return false;
  }
  // A Redis refusing writes still holds the generations a refused save could not replace (decision 049).
  if (writesInDoubt()) return waitForEnd(lookup);
  const { keys, graceMs } = dependenciesOf(page);
  const current = await guardedRedis('page cache', (redis) => redis.mget(keys), store);
  if (lookup.done) return false;
  if (!current.ok) return waitForEnd(lookup);
  // A change within its grace (trending) still serves the stored page, so a render of it may be shared too.
  return keys.some((_, index) => (graceMs[index] ?? 0) === 0 && current.value[index] !== read.values[index]);
}

/**
 * Without Redis nothing tells whether a render began before a save, so the request waits for it to
 * end and then asks afresh: its lookup (or one begun after it arrived) is shared by the requests that
 * came meanwhile, where rendering each alone cut throughput with Redis away 3-6 times (npm run bench).
 * A render that does not end within RENDER_WAIT_MS (it threw, or Postgres is slow): per request, and
 * the requests after it do not wait for it again. True: render per request.
 */
async function waitForEnd(lookup: Lookup): Promise<boolean> {
  if (lookup.done) return false;
  if (lookup.abandoned) return true;
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), RENDER_WAIT_MS)));
  const ended = await Promise.race([lookup.ended.then(() => true as const), waited]);
  clearTimeout(timer);
  if (!ended) lookup.abandoned = true;
  return !ended;
}
