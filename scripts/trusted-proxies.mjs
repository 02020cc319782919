// TRUSTED_PROXIES as scripts/serve.mjs reads it, before Next (and lib/env.ts) exist in the process.
// Must agree with lib/env.ts's schema and trustedProxies(); lib/ratelimit/trust-setting.test.ts holds
// the two to the same answers.

/**
 * @param {string | undefined} value TRUSTED_PROXIES
 * @param {string | undefined} vercel VERCEL
 * @returns {'none' | 'vercel' | number}
 */
export function parseTrustedProxies(value, vercel) {
  const setting = (value ?? '').trim();
  if (setting === '') return (vercel ?? '').trim() ? 'vercel' : 'none';
  if (setting === 'none' || setting === 'vercel') return setting;
  if (/^[1-9]$/.test(setting)) return Number(setting);
  throw new Error(
    `TRUSTED_PROXIES: must be none, vercel, or the number of reverse proxies in front of the server (1-9), got "${setting}"`,
  );
}

/** Headers through which a client could claim another address, host or scheme. */
export const FORWARDING_HEADERS = [
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'x-real-ip',
  'forwarded',
  'x-vercel-forwarded-for',
  'x-client-ip',
  'true-client-ip',
  'cf-connecting-ip',
];

/**
 * With no trusted proxy, what a client says about its address is dropped and the socket's address
 * takes its place, where Next and lib/ratelimit/client-identity.ts read it.
 *
 * @param {import('node:http').IncomingMessage} request
 * @param {'none' | 'vercel' | number} trust
 */
export function scrubForwarding(request, trust) {
  if (trust !== 'none') return;
  for (const name of FORWARDING_HEADERS) delete request.headers[name];
  const address = request.socket.remoteAddress;
  if (address) request.headers['x-forwarded-for'] = address;
}
