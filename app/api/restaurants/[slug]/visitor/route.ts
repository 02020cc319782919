import { HttpError, jsonRoute, slugParam } from '@/lib/http/route';
import { getRestaurantMenu } from '@/lib/menus/cached';
import { readVisitorParts } from '@/lib/menus/visitor';

/**
 * This visitor's cart and heart on a restaurant's menu page, which the shared page (the same for
 * every visitor, docs/decisions/046) asks for after load: `{ cart, favourite: { favourited } }`
 * (lib/menus/visitor.ts; the count is in the shared page). Private and never stored. A cart Redis
 * can't read comes back empty and a heart it can't read as null, as the per-request page draws them.
 */
export const GET = jsonRoute(async (_request: Request, context: { params: Promise<{ slug: string }> }) => {
  const slug = slugParam('restaurant', (await context.params).slug);
  const { value: menu } = await getRestaurantMenu(slug);
  if (!menu) throw new HttpError(404, `No restaurant "${slug}"`);
  return Response.json(await readVisitorParts(menu), { headers: { 'Cache-Control': 'private, no-store' } });
});
