import Form from 'next/form';

import { SearchButton } from '@/components/search/search-button';
import { MAX_QUERY_LENGTH } from '@/lib/search/query';

/**
 * The city's one search box: a GET form to the city page itself (`/<city>?q=…`), so it works without
 * JavaScript and a search is a shareable URL. With JavaScript next/form navigates client-side, the
 * button says "Searching…" and the page's loading state shows while results render. Filters are left
 * behind: a search spans the city.
 */
export function CitySearchForm({ citySlug, cityName, query }: { citySlug: string; cityName: string; query: string }) {
  return (
    <Form action={`/${citySlug}`} role="search" aria-label={`Search ${cityName}`} className="flex w-full gap-2">
      <label htmlFor="city-search" className="sr-only">
        Search restaurants and dishes in {cityName}
      </label>
      <div className="relative min-w-0 flex-1">
        <svg
          viewBox="0 0 20 20"
          className="pointer-events-none absolute top-1/2 left-3.5 size-5 -translate-y-1/2 text-muted"
          aria-hidden="true"
          focusable="false"
        >
          <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M13 13l4 4" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        <input
          id="city-search"
          type="search"
          name="q"
          defaultValue={query}
          // A little over the limit, so an over-long paste is refused with the server's message, not cut silently.
          maxLength={MAX_QUERY_LENGTH + 20}
          placeholder="Dishes or restaurants"
          autoComplete="off"
          enterKeyHint="search"
          className="w-full rounded-full border border-line bg-white py-2.5 pr-4 pl-11 text-base text-ink shadow-sm placeholder:text-muted focus:border-brand-600 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
        />
      </div>
      <SearchButton />
    </Form>
  );
}
