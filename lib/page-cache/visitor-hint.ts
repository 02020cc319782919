/**
 * A cookie that tells a shared menu page's script this browser has something of its own to show (a
 * cart or a customer session), so it asks for it after load and shows a placeholder meanwhile. The
 * cookies that say so are httpOnly, out of the script's sight; the proxy, which sees them, keeps this
 * one in step on every response (rewrite.ts). It holds nothing secret and grants nothing: a forged
 * one costs its browser one request. A browser without it (most visitors) asks nothing.
 */
export const VISITOR_HINT_COOKIE = 'thali_state';

/** Whether a `document.cookie` string carries the hint. */
export function hasVisitorHint(cookieString: string): boolean {
  return cookieString.split(';').some((pair) => pair.trim().startsWith(`${VISITOR_HINT_COOKIE}=`));
}

/**
 * The hint as a cookie to set: readable by the page's script (not httpOnly), ending with the browser
 * like the session cookies it follows. Set where those are set (sign-in, a first ADD), whose response
 * the proxy never sees again, and by the proxy on any request that carries them without it.
 */
export function visitorHintCookie(secure: boolean) {
  return { name: VISITOR_HINT_COOKIE, value: '1', options: { path: '/', sameSite: 'lax', secure, httpOnly: false } } as const;
}
