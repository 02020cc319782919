import 'server-only';

import type { NextRequest } from 'next/server';

import { sessionCookie } from '@/lib/auth/cookie';
import { readSession } from '@/lib/auth/sessions';
import { getEnv } from '@/lib/env';
import { hasBearer } from '@/lib/http/bearer';
import { clientIdentity } from '@/lib/ratelimit/client-identity';
import { refusalJson } from '@/lib/ratelimit/responses';
import { rateLimitState } from '@/lib/ratelimit/state';

/**
 * Who may see what of the health endpoints: anyone gets liveness (`{ ok: true }`), rate limited per
 * address (policy `health`); the details (backends, this instance's counters, readiness) need
 * `Authorization: Bearer $HEALTH_SECRET` (monitors, benchmarks) or an admin session, and those calls
 * are never limited. The proxy leaves these paths to this module (EXEMPT_PATHS).
 */
export type HealthCaller = 'monitor' | 'admin' | 'anonymous';

/**
 * The bearer secret first (no I/O); a session is read only when its cookie is sent, and at most
 * `health:session` times a minute per address.
 */
export async function healthCaller(request: NextRequest): Promise<HealthCaller> {
  const secret = getEnv().HEALTH_SECRET;
  if (secret && hasBearer(request, secret)) return 'monitor';
  const id = request.cookies.get(sessionCookie().name)?.value;
  if (!id) return 'anonymous';
  // The proxy does not limit these paths: without this, any cookie value bought a session read per call.
  if (!(await rateLimitState().limiter.limit('health:session', clientIdentity(request.headers))).success) return 'anonymous';
  const lookup = await readSession(id);
  return lookup.status === 'active' && lookup.session.kind === 'admin' ? 'admin' : 'anonymous';
}

/** For an anonymous caller: a 429 (or 503) when over the `health` budget, else null. */
export async function limitAnonymous(request: NextRequest): Promise<Response | null> {
  const result = await rateLimitState().limiter.limit('health', clientIdentity(request.headers));
  return result.success ? null : refusalJson(result);
}
