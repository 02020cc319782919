import { cachedJson } from '@/lib/http/json';
import { HttpError, jsonRoute, slugParam } from '@/lib/http/route';
import { getCityRestaurants } from '@/lib/menus/cached';

export const GET = jsonRoute(async (_request: Request, context: { params: Promise<{ city: string }> }) => {
  const city = slugParam('city', (await context.params).city);
  const { value, cache } = await getCityRestaurants(city);
  if (!value) throw new HttpError(404, `No city "${city}"`);
  return cachedJson(value.restaurants, cache);
});
