import type { NextRequest } from 'next/server';

import { jsonError } from '@/lib/http/json';
import { healthCaller, limitAnonymous } from '@/lib/server/health-access';
import { readReadiness } from '@/lib/server/readiness';

/**
 * Readiness: whether Postgres and Redis answer now, each on its own, within 2 s whatever their state:
 * 200 when both do, 503 otherwise. For monitors and admins (bearer secret or admin session); others
 * get 401. Not for taking instances out of a load balancer: every instance shares these backends,
 * and the site serves cached pages without them.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const headers = { 'cache-control': 'no-store' };
  if ((await healthCaller(request)) === 'anonymous') {
    const refused = await limitAnonymous(request);
    return refused ?? jsonError(401, 'Readiness needs an admin session or Authorization: Bearer <HEALTH_SECRET>.', { ...headers, 'www-authenticate': 'Bearer' });
  }
  const readiness = await readReadiness();
  return Response.json(readiness, { status: readiness.ready ? 200 : 503, headers });
}
