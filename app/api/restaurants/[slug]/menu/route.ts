import { cachedJson } from '@/lib/http/json';
import { HttpError, jsonRoute, slugParam } from '@/lib/http/route';
import { getRestaurantMenu } from '@/lib/menus/cached';

export const GET = jsonRoute(async (_request: Request, context: { params: Promise<{ slug: string }> }) => {
  const slug = slugParam('restaurant', (await context.params).slug);
  const { value, cache } = await getRestaurantMenu(slug);
  if (!value) throw new HttpError(404, `No restaurant "${slug}"`);
  return cachedJson(value, cache);
});
