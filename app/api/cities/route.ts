import { cachedJson } from '@/lib/http/json';
import { jsonRoute } from '@/lib/http/route';
import { getCities } from '@/lib/menus/cached';

export const GET = jsonRoute(async () => {
  const { value, cache } = await getCities();
  return cachedJson(value, cache);
});
