import ResponseCache from 'next/dist/server/response-cache/index.js';

import { getPage, setPage } from '@/lib/page-cache/handler';

/**
 * Next's own response cache, as a shared page's route runs it, over Thali's page cache: what decides
 * which concurrent requests share one lookup or render (docs/decisions/052). `storageKey` turns the
 * path Next asks for into its storage key.
 */
export function nextResponseCache(storageKey: (path: string) => string) {
  const responseCache = new ResponseCache({ minimalMode: false, route: { kind: 'APP_PAGE' } as never });
  const incrementalCache = {
    get: async (key: string) => {
      const cached = await getPage(storageKey(key), 'APP_PAGE');
      return cached && { ...cached, isStale: false };
    },
    set: (key: string, value: unknown) => setPage(storageKey(key), value),
  };
  return { responseCache, incrementalCache };
}
