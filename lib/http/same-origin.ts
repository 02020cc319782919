/**
 * Whether a state-changing request came from this site's own pages. Browsers send `Sec-Fetch-Site`
 * on every request; older ones at least `Origin` on a PUT or DELETE, compared here with the Host the
 * request was sent to. Route handlers need this themselves: only server actions get Next's own check.
 */
export function isSameOrigin(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null) return site === 'same-origin';
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (origin === null || host === null) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
