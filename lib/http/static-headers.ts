/**
 * Security headers that are the same on every response, static assets included: next.config.ts sets
 * them through `headers()` (no server-only import here: next.config loads this file). The rest,
 * which depend on the path and scheme, come from lib/http/security-headers.ts in proxy.ts.
 */
export const STATIC_SECURITY_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // No referrer to other sites: an order's page address is its owner's capability.
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()' },
];
