import 'server-only';

import { log } from '@/lib/log';

import { searchCity, type SearchOutcome } from './cached';

/**
 * The city page's search (`/<city>?q=…`): what was typed, and its outcome for rendering. A page can't
 * answer a 4xx body of its own, so a refused search is a message beside the box, and a database that
 * doesn't answer is one too (the listing still renders from its cache), never the error page.
 */

export type PageSearchOutcome = SearchOutcome | { status: 'unavailable'; message: string };

/** `client`: who asks (lib/ratelimit/client-identity.ts), whose budget a new search's cache entry spends. */
export async function runPageSearch(citySlug: string, text: string, client?: string): Promise<PageSearchOutcome> {
  try {
    return await searchCity(citySlug, text, client);
  } catch (error) {
    log.error('search page: search failed', { city: citySlug, error: error instanceof Error ? error.message : String(error) });
    return { status: 'unavailable', message: 'Search isn’t answering right now. Please try again in a moment; the restaurants below are still here.' };
  }
}
