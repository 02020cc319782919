import { HttpError, jsonRoute, slugParam } from '@/lib/http/route';
import { readVisitorRequest } from '@/lib/menus/visitor';

/**
 * This visitor's cart and heart on a restaurant's menu page, which the shared page (the same for
 * every visitor, docs/decisions/046) asks for after load: `{ cart, favourite: { favourited } }`
 * (lib/menus/visitor.ts; the count is in the shared page). Private and never stored. A cart Redis
 * can't read is a 503 (the page offers to try again); a heart it can't read is null (left out). A
 * signed-in customer's request is 2 Redis commands and the limiter's (decision 078).
 */
export const GET = jsonRoute(async (_request: Request, context: { params: Promise<{ slug: string }> }) => {
  const slug = slugParam('restaurant', (await context.params).slug);
  const read = await readVisitorRequest(slug);
  if (!read) throw new HttpError(404, `No restaurant "${slug}"`);
  const { parts } = read;
  if (!parts) throw new HttpError(503, 'Your cart can’t be read just now. Please try again in a moment.');
  return Response.json(parts, { headers: { 'Cache-Control': 'private, no-store' } });
});
