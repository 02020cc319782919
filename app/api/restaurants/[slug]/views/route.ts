import { recordView } from '@/lib/views/record-view';
import { readWeekFigure } from '@/lib/views/week-figure';
import { ignoredReason, newVisitorId, visitorCookie, visitorFrom } from '@/lib/views/visitor';
import { isHttps } from '@/lib/http/https';
import { HttpError, jsonRoute, slugParam } from '@/lib/http/route';
import { getRestaurantMenu } from '@/lib/menus/cached';
import { withinAddressBudget } from '@/lib/ratelimit/address-budgets';
import { clientIdentity } from '@/lib/ratelimit/client-identity';

/**
 * The menu page's beacon reports a rendered view here. 202: counted; 204: not counted, and
 * `x-view` says why (prefetch, bot, cross-site, duplicate, invalid-visitor, rate-limited,
 * unavailable). Only a visitor id this server issued counts: a first visit gets one in this very
 * response and counts with it; a made-up or altered id gets a new one and does not count; new ids
 * are limited per address and per address block, and so are counted views per address (and block)
 * and restaurant, and per address (and block) across restaurants, whoever's ids they carry (spent only by a view that would count:
 * lib/views/record-view.ts). Redis trouble is a 204, never an error.
 *
 * `x-week-views` carries the restaurant's views over the last 7 days as they stood before this one,
 * which the page shows: the figure is this visitor's own answer, not part of the page every visitor
 * shares (docs/decisions/046). Absent when Redis can't say.
 */
export const POST = jsonRoute(async (request: Request, context: { params: Promise<{ slug: string }> }) => {
  const slug = slugParam('restaurant', (await context.params).slug);
  const { value: menu } = await getRestaurantMenu(slug);
  if (!menu) throw new HttpError(404, `No restaurant "${slug}"`);

  const figure = await readWeekFigure(slug);
  const answer = (status: 202 | 204, outcome: string, headers?: Record<string, string>) =>
    respond(status, outcome, figure === null ? headers : { ...headers, 'x-week-views': String(figure) });

  const ignored = ignoredReason(request.headers);
  if (ignored) return answer(204, ignored);

  const client = clientIdentity(request.headers);
  // Ids travel: one address replaying many counts no more than its budget per restaurant (policies.ts).
  // Spent by recordView only for a view that would count, never by a duplicate.
  const view = {
    restaurantSlug: slug,
    citySlug: menu.restaurant.city.slug,
    // The restaurant's budget, then the address's across all restaurants (each counted view holds a key for the hour).
    budget: async () => (await withinAddressBudget('views:counted', client, slug)) && (await withinAddressBudget('views:counted:any', client)),
  };
  const visitor = visitorFrom(request.headers);
  if (visitor.status === 'valid') {
    const outcome = await recordView({ ...view, visitorId: visitor.id });
    return answer(outcome === 'counted' ? 202 : 204, outcome);
  }

  if (!(await withinAddressBudget('views:new-visitor', client))) return answer(204, 'rate-limited');
  const visitorId = newVisitorId();
  const headers = { 'set-cookie': visitorCookie(visitorId, isHttps(request)) };
  if (visitor.status === 'invalid') return answer(204, 'invalid-visitor', headers);
  const outcome = await recordView({ ...view, visitorId });
  return answer(outcome === 'counted' ? 202 : 204, outcome, headers);
});

function respond(status: 202 | 204, outcome: string, headers?: Record<string, string>): Response {
  return new Response(null, { status, headers: { 'cache-control': 'no-store', 'x-view': outcome, ...headers } });
}
