import { GET as menuApi } from '@/app/api/restaurants/[slug]/menu/route';
import { getEnv } from '@/lib/env';
import { jsonError } from '@/lib/http/json';

/**
 * The menu API's own handler on a path the rate-limit policy table exempts, only while
 * ENABLE_BENCH_ROUTES is on: the baseline `npm run bench:ratelimit` compares the limited path with.
 * Off (every deployment), it is a 404 under the `api` limit like any other API path.
 */
export async function GET(request: Request, context: { params: Promise<{ slug: string }> }): Promise<Response> {
  if (!getEnv().ENABLE_BENCH_ROUTES) return jsonError(404, 'Not found.');
  return menuApi(request, context);
}
