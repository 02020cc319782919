import { recordView } from '@/lib/counters/record-view';
import { ignoredReason, isHttps, newVisitorId, visitorCookie, visitorIdFrom } from '@/lib/counters/visitor';
import { HttpError, jsonRoute, slugParam } from '@/lib/http/route';
import { getRestaurantMenu } from '@/lib/menus/cached';

/**
 * The menu page's beacon reports a rendered view here. 202: counted; 204: not counted, and
 * `x-view` says why (prefetch, bot, cross-site, duplicate, unavailable). Redis trouble is a 204,
 * never an error: a lost view must not cost the visitor anything.
 */
export const POST = jsonRoute(async (request: Request, context: { params: Promise<{ slug: string }> }) => {
  const slug = slugParam('restaurant', (await context.params).slug);
  const { value: menu } = await getRestaurantMenu(slug);
  if (!menu) throw new HttpError(404, `No restaurant "${slug}"`);

  const ignored = ignoredReason(request.headers);
  if (ignored) return answer(204, ignored);

  const known = visitorIdFrom(request.headers);
  const visitorId = known ?? newVisitorId();
  const outcome = await recordView({ restaurantSlug: slug, citySlug: menu.restaurant.city.slug, visitorId });
  const headers = known ? undefined : { 'set-cookie': visitorCookie(visitorId, isHttps(request)) };
  return answer(outcome === 'counted' ? 202 : 204, outcome, headers);
});

function answer(status: 202 | 204, outcome: string, headers?: Record<string, string>): Response {
  return new Response(null, { status, headers: { 'cache-control': 'no-store', 'x-view': outcome, ...headers } });
}
