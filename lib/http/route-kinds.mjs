// What kind of route a request is for, as Next decides it: one copy for scripts/serve.mjs (through
// body-limits.mjs), proxy.ts and lib/. Plain JavaScript, so serve.mjs needs no build step.

/** Next's server action ids: 42 hex characters (an info byte, then the hash). */
export const ACTION_ID = /^[0-9a-f]{42}$/;

/**
 * An API route's path (app/api/…): never a page, so never a server action.
 *
 * @param {string} pathname
 * @returns {boolean}
 */
export function isApiPath(pathname) {
  return pathname === '/api' || pathname.startsWith('/api/');
}
