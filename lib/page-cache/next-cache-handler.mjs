/**
 * The `cacheHandler` Next loads for its response cache (next.config.ts). Next imports this file by
 * path, outside the app's bundle, so it holds no logic: it hands each call to the page cache that
 * the server registers at start (lib/page-cache/handler.ts, from instrumentation.ts), and answers
 * "not cached" until then (during `next build`, and for anything the page cache does not keep).
 * docs/decisions/046-shared-pages-from-a-redis-page-cache.md
 */
const REGISTRY = Symbol.for('thali.page-cache');

export default class ThaliCacheHandler {
  /** Next makes one of these per request; the state lives in the registered page cache. */
  constructor() {}

  async get(key, context) {
    const cache = globalThis[REGISTRY];
    return cache ? cache.get(key, context) : null;
  }

  async set(key, data, context) {
    const cache = globalThis[REGISTRY];
    if (cache) await cache.set(key, data, context);
  }

  /** Thali expires pages by its own generations (lib/cache), not by Next's tags. */
  async revalidateTag() {}

  resetRequestCache() {}
}
