/**
 * Whether an error is the browser failing to reach the server at all (offline, a dropped mobile
 * connection): `fetch` rejects with a TypeError, worded by each browser its own way (Chromium, Firefox,
 * Safari). A server action posted then (Cancel order, the heart, Send code) throws it into the page's
 * error boundary, which said "We couldn't load this page", though the page was there and the tap was
 * what failed.
 */
export function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError && /failed to fetch|networkerror|load failed|network connection was lost/i.test(error.message);
}
