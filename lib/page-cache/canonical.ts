import { pageCacheEnabled } from '@/lib/env';
import { listingSearch, parseListingParams, type SearchParamsRecord } from '@/lib/menus/listing';
import { SEARCH_PARAM, searchTextOf } from '@/lib/search/query';

import { sharedPageAt, type SharedPage } from './paths';

/**
 * Where a request for home, a city or a menu is sent when its query says more than the page reads
 * (docs/decisions/073-public-pages-redirect-to-the-query-they-read.md): a campaign link
 * (`/delhi?utm_source=…`) or a made-up parameter would render the page per request, with the
 * query written into its payload; redirected, it gets the shared page (decision 046). A city's own
 * filters and search stay, spelled as the page writes them; what remains renders per request as before.
 */
export function canonicalAddressOf(request: { method: string; pathname: string; searchParams: URLSearchParams }): string | null {
  if (!pageCacheEnabled() || (request.method !== 'GET' && request.method !== 'HEAD')) return null;
  const page = sharedPageAt(request.pathname);
  if (!page) return null;
  // `_rsc`, the router's cache-busting parameter, is not part of the page's address. Next hides it from
  // the proxy (as it does the router's headers), so it can't go along: a router request's redirect
  // drops it and Next's own check answers the redirected request with a second 307 that adds it
  // back (decision 073's consequences). Left out here all the same, should a Next hand it over.
  const asked = [...request.searchParams].filter(([name]) => name !== '_rsc');
  if (asked.length === 0) return null;
  const read = queryReadBy(page, recordOf(asked));
  if (sameParams(asked, [...read])) return null;
  const search = read.toString();
  return search ? `${request.pathname}?${search}` : request.pathname;
}

/** The part of a query `page` reads, as it writes it itself: home and a menu read none. */
function queryReadBy(page: SharedPage, params: SearchParamsRecord): URLSearchParams {
  if (page.kind !== 'city') return new URLSearchParams();
  const read = new URLSearchParams(listingSearch(parseListingParams(params)));
  const searchText = searchTextOf(params);
  if (searchText !== undefined) read.set(SEARCH_PARAM, searchText);
  return read;
}

/** A query as Next hands it to a page: a name given more than once has every value, in order. */
function recordOf(entries: [string, string][]): SearchParamsRecord {
  // No prototype: a parameter named `constructor` or `__proto__` is just a name.
  const record: SearchParamsRecord = Object.create(null);
  for (const [name, value] of entries) {
    const earlier = record[name];
    record[name] = earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value];
  }
  return record;
}

/** The same names and values, in any order: only a query the page reads differently is redirected. */
function sameParams(a: [string, string][], b: [string, string][]): boolean {
  const spelled = (entries: [string, string][]) => entries.map((entry) => JSON.stringify(entry)).sort();
  return JSON.stringify(spelled(a)) === JSON.stringify(spelled(b));
}
