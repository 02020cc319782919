import 'server-only';

import type { NextFetchEvent, NextRequest } from 'next/server';

import { clientIdentity } from './client-identity';
import { rateLimitHeaders } from './headers';
import { budgetFor, proxyPolicyFor } from './policies';
import { refusalJson, refusalPage } from './responses';
import { rateLimitState } from './state';

export type ProxyDecision =
  | { kind: 'exempt' }
  | { kind: 'refused'; response: Response }
  /** Headers for the response; API answers carry their remaining budget. */
  | { kind: 'allowed'; headers: Record<string, string> };

/** The proxy's half of rate limiting: one policy per request, by path, for the client's identity. */
export async function rateLimitRequest(request: NextRequest, event: NextFetchEvent): Promise<ProxyDecision> {
  const policy = proxyPolicyFor(request.nextUrl.pathname, undefined, request.headers);
  if (!policy) return { kind: 'exempt' };

  const result = await rateLimitState().limiter.limit(budgetFor(policy, request.nextUrl), clientIdentity(request.headers));
  event.waitUntil(result.pending);

  if (!result.success) {
    return { kind: 'refused', response: policy === 'api' ? refusalJson(result) : refusalPage(result) };
  }
  return { kind: 'allowed', headers: policy === 'api' ? rateLimitHeaders(result) : {} };
}
