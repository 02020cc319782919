import { cachedJsonText } from '@/lib/http/json';
import { HttpError, jsonRoute, slugParam } from '@/lib/http/route';
import { getRestaurantMenuJson } from '@/lib/menus/cached';

export const GET = jsonRoute(async (_request: Request, context: { params: Promise<{ slug: string }> }) => {
  const slug = slugParam('restaurant', (await context.params).slug);
  const { value, cache } = await getRestaurantMenuJson(slug);
  if (value === null) throw new HttpError(404, `No restaurant "${slug}"`);
  return cachedJsonText(value, cache);
});
