import { cachedJson, jsonError } from '@/lib/http/json';
import { HttpError, jsonRoute, slugParam } from '@/lib/http/route';
import { clientIdentity } from '@/lib/ratelimit/client-identity';
import { searchCity } from '@/lib/search/cached';

/** `GET /api/cities/<city>/search?q=…` → `{ restaurants, dishes }`, each ranked best first (docs/search.md). */
export const GET = jsonRoute(async (request: Request, context: { params: Promise<{ city: string }> }) => {
  const city = slugParam('city', (await context.params).city);
  const outcome = await searchCity(city, new URL(request.url).searchParams.get('q'), clientIdentity(request.headers));
  if (outcome.status === 'invalid') throw new HttpError(400, outcome.message);
  if (outcome.status === 'not-found') throw new HttpError(404, outcome.message);
  // The address's searches that miss the cache (Postgres queries) are spent for this minute: policies.ts `search:loaded`.
  if (outcome.status === 'rate-limited') return jsonError(429, outcome.message, { 'Retry-After': '60', 'Cache-Control': 'no-store' });
  const { restaurants, dishes } = outcome.results;
  return cachedJson({ restaurants, dishes }, outcome.cache);
});
