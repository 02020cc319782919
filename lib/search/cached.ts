import 'server-only';

import { cache } from 'react';

import { getDb } from '@/db/client';
import { keys, SEARCH_TTL_MS } from '@/lib/cache/keys';
import { readThrough, recordLookup } from '@/lib/cache/read-through';
import type { Cached, CacheOutcome } from '@/lib/cache/types';
import { slugSchema } from '@/lib/menus/slug';
import { withinAddressBudget } from '@/lib/ratelimit/address-budgets';

import { loadCitySearch } from './queries';
import { normalizeQuery } from './query';
import type { SearchResults } from './types';

/**
 * A city's search through the cache, as menus are read: Redis first, Postgres on a miss, and a save
 * that changes what a search shows rotates the city's search generation (lib/menus/mutations.ts), so
 * no refill that loaded before the save is ever served (docs/decisions/004). React's cache() lets a
 * layout and its page share one lookup within a request.
 */

export type SearchOutcome =
  | { status: 'found'; results: SearchResults; cache: CacheOutcome }
  /** The search text or the city slug was refused; `message` says why, in words for a person. */
  | { status: 'invalid'; message: string }
  | { status: 'not-found'; message: string }
  /** The asker's `search:loaded` budget is spent: this search missed the cache and was not run. */
  | { status: 'rate-limited'; message: string };

export const SEARCHES_REFUSED = 'Too many new searches from your network. Please try again in a minute.';

/**
 * Marks the error a miss's load throws past the asker's budget, before Postgres is asked (caught by
 * searchCity), with that asker. A symbol of the registry, not a class: loads are shared by every route
 * bundle in the process (single-flight.ts), each with its own copy of this module.
 */
const REFUSED = Symbol.for('thali.search-refused');

function searchesRefused(client: string): Error {
  return Object.defineProperty(new Error('search:loaded budget spent'), REFUSED, { value: client });
}

/** The address whose budget refused the load that threw `error`, or undefined for any other error. */
function refusedClient(error: unknown): string | undefined {
  return error instanceof Error ? (error as { [REFUSED]?: string })[REFUSED] : undefined;
}

/**
 * A validated city slug and normalized search (normalizeQuery); a bad one here is a bug. `client`
 * (lib/ratelimit/client-identity.ts) is who asks: a miss is a Postgres query only within their
 * address's `search:loaded` budget (hits are free), and is stored only within its `search:stored`
 * budget, since every distinct search is an entry of its own. Without one (scripts, tests), every
 * miss is loaded and stored.
 */
export const getCitySearch = cache(readCitySearch);

async function readCitySearch(citySlug: string, normalizedQuery: string, client?: string): Promise<Cached<SearchResults | null>> {
  const slug = slugSchema.parse(citySlug);
  return readThrough({
    key: keys.citySearchResults(slug, normalizedQuery),
    ttlMs: SEARCH_TTL_MS,
    load: () => loadWithinBudget(slug, normalizedQuery, client),
    admit: client === undefined ? undefined : () => withinAddressBudget('search:stored', client),
  });
}

/**
 * A miss's Postgres query within the asker's `search:loaded` budget, else its refusal, thrown before
 * Postgres is asked. Spent by a miss only, where the cost is: made-up searches all miss, and one takes
 * up to 20 hits' time.
 */
async function loadWithinBudget(slug: string, normalizedQuery: string, client: string | undefined): Promise<SearchResults | null> {
  if (client !== undefined && !(await withinAddressBudget('search:loaded', client))) throw searchesRefused(client);
  return loadCitySearch(getDb(), slug, normalizedQuery);
}

/**
 * The asker's own load, after a shared one that someone else's budget refused: outside the cache, as
 * through it the retry joins whichever load is under way, as likely another spent address's (the
 * joiners retry in the order they came). Not stored: a later miss stores it, within its own budget.
 */
async function loadOwnSearch(slug: string, normalizedQuery: string, client: string | undefined): Promise<Cached<SearchResults | null> | null> {
  const started = performance.now();
  let value: SearchResults | null;
  try {
    value = await loadWithinBudget(slug, normalizedQuery, client);
  } catch (error) {
    if (refusedClient(error) !== undefined) return null;
    throw error;
  }
  recordLookup(keys.citySearchResults(slug, normalizedQuery), 'MISS', false);
  return { value, cache: { status: 'MISS', ms: performance.now() - started, degraded: false } };
}

/**
 * Searches a city for what someone typed: validates both (nothing reaches Redis or Postgres
 * otherwise), then reads through the cache. What the JSON API answers and what a page can render.
 */
export async function searchCity(citySlug: unknown, rawQuery: unknown, client?: string): Promise<SearchOutcome> {
  const slug = slugSchema.safeParse(citySlug);
  if (!slug.success) return { status: 'invalid', message: 'A city is named by lowercase letters and digits joined by hyphens.' };
  const query = normalizeQuery(rawQuery);
  if (!query.ok) return { status: 'invalid', message: query.message };
  // Concurrent misses share one load (read-through.ts), and one begun for an address past its budget
  // refused everyone who joined it. Someone else's refusal is not ours: a load of our own (loadOwnSearch).
  const read = await getCitySearch(slug.data, query.query, client).catch((error: unknown) => {
    const refused = refusedClient(error);
    if (refused === undefined) throw error;
    return refused === client ? null : loadOwnSearch(slug.data, query.query, client);
  });
  if (read === null) return { status: 'rate-limited', message: SEARCHES_REFUSED };
  const { value, cache: outcome } = read;
  if (!value) return { status: 'not-found', message: `No city "${slug.data}"` };
  return { status: 'found', results: value, cache: outcome };
}
