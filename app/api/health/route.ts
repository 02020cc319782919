import type { NextRequest } from 'next/server';

import { readHealth } from '@/lib/server/health';
import { healthCaller, limitAnonymous } from '@/lib/server/health-access';

const NO_STORE = { 'cache-control': 'no-store' };

/**
 * Liveness: `{ ok: true }` for anyone, without Postgres; its rate limit uses Redis and falls back to
 * this instance's own count when Redis is away, so it answers either way. With the
 * bearer secret or an admin session: the backends in use and this instance's counters, which the
 * benchmarks diff. Readiness is /api/health/ready.
 */
export async function GET(request: NextRequest): Promise<Response> {
  if ((await healthCaller(request)) !== 'anonymous') return Response.json(await readHealth(), { headers: NO_STORE });
  return (await limitAnonymous(request)) ?? Response.json({ ok: true }, { headers: NO_STORE });
}
