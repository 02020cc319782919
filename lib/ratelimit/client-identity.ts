import 'server-only';

import { trustedProxies, type TrustedProxies } from '@/lib/env';
import { normalizeAddress } from '@/lib/http/client-address.mjs';

/** A header value as an address to count by (lib/http/client-address.mjs, shared with the connection cap). */
export { normalizeAddress };

/**
 * Who the client is, for rate limits and sign-in cooldowns. One setting decides which header may be
 * believed (TRUSTED_PROXIES):
 *
 * - `none` (default off Vercel): the socket address. Next never shows the socket to the proxy and
 *   keeps whatever `X-Forwarded-For` a client sends, so scripts/serve.mjs deletes client-sent
 *   forwarding headers and puts the socket address in `X-Forwarded-For` before Next sees the
 *   request. Self-hosting with plain `next start` would let a client choose its identity.
 * - `vercel`: the address Vercel's edge writes (it overwrites what clients send).
 * - N: the Nth address from the right of `X-Forwarded-For`, the one the outermost of N trusted
 *   proxies saw; anything further left was written by the client.
 *
 * IPv6 clients are counted per /64, the block one subscriber usually gets, so rotating addresses
 * within it buys nothing. Loopback is not exempt.
 */

export const UNKNOWN_CLIENT = 'unknown';

function forwardedFor(headers: Headers): string[] {
  const value = headers.get('x-forwarded-for');
  if (!value) return [];
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

function pick(headers: Headers, trust: TrustedProxies): string | undefined {
  if (trust === 'none') return forwardedFor(headers).at(-1);
  if (trust === 'vercel') {
    return headers.get('x-real-ip') ?? headers.get('x-vercel-forwarded-for')?.split(',')[0] ?? forwardedFor(headers)[0];
  }
  const chain = forwardedFor(headers);
  // Fewer entries than trusted proxies means a request that skipped some of them: no answer is safe,
  // and the leftmost is the least wrong.
  return chain[Math.max(0, chain.length - trust)];
}

/** The client's address as the trust setting allows it to be known; UNKNOWN_CLIENT if it can't be. */
export function clientIdentity(headers: Headers, trust: TrustedProxies = trustedProxies()): string {
  const raw = pick(headers, trust);
  return (raw && normalizeAddress(raw)) || UNKNOWN_CLIENT;
}

/**
 * The block an identity belongs to, for limits that must also hold against an attacker who rents
 * neighbouring addresses: the /24 of an IPv4 address; for IPv6, whose identity is already its /64,
 * the /48 (what a provider typically delegates to one site). Anything else is its own block.
 */
export function addressBlock(identity: string): string {
  const v4 = /^(\d{1,3}\.\d{1,3}\.\d{1,3})\.\d{1,3}$/.exec(identity);
  if (v4) return `${v4[1]}.0/24`;
  const v6 = /^([0-9a-f]{1,4}:[0-9a-f]{1,4}:[0-9a-f]{1,4}):[0-9a-f]{1,4}::\/64$/.exec(identity);
  if (v6) return `${v6[1]}::/48`;
  return identity;
}
