import 'server-only';

import { clientIdentity } from '@/lib/ratelimit/client-identity';

/**
 * The client's address for the sign-in cooldown's key: the same identity the proxy's rate limits
 * use, decided by one trust setting (TRUSTED_PROXIES, see lib/ratelimit/client-identity.ts), so a
 * client can't pick its own by sending `X-Forwarded-For`.
 */
export function clientIp(headers: Headers): string {
  return clientIdentity(headers);
}
