// Request targets Next can't route, answered by scripts/serve.mjs before Next sees them. A path segment
// with a malformed percent-escape (`/bengaluru/%ff`, `/%`) made Next's router throw while decoding route
// params: a bare 500, before proxy.ts (no rate limit, no security headers). Plain JavaScript, so
// serve.mjs needs no build step. docs/decisions/040-malformed-paths-refused-before-next.md

/**
 * Why a request's target is refused (400), or null when Next may route it: its path must
 * percent-decode as UTF-8. The query string is left to the routes, which read it with URLSearchParams
 * (which never throws).
 *
 * @param {string | undefined} target the request line's target, e.g. `/bengaluru/dosa?x=1`
 * @returns {{ status: 400; error: string } | null}
 */
export function targetRefusal(target) {
  const raw = target ?? '/';
  const end = raw.search(/[?#]/);
  const path = end === -1 ? raw : raw.slice(0, end);
  try {
    decodeURIComponent(path);
    return null;
  } catch {
    return { status: 400, error: 'The address has a malformed %-escape.' };
  }
}
