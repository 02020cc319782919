import 'server-only';

import { inlineStylePolicy } from '@/lib/http/security-headers';

import { rateLimitHeaders, retryAfterSeconds } from './headers';
import type { LimitResult } from './limiter';

/**
 * Refusals, answered by the proxy before anything renders: JSON for the API, a small self-contained
 * HTML page (inline CSS, no scripts, no app assets) for everything else. `closed` (the shared store
 * is unreachable and the policy refuses without it) is a 503, not a 429: the client did nothing wrong.
 */

const PAGE_CSS = `
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #fffaf5; color: #1c1917;
    font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  main { max-width: 28rem; margin: 1.5rem; padding: 2rem; background: #fff; border: 1px solid #e7e5e4; border-radius: 1.5rem; }
  .code { margin: 0; color: #c2410c; font-weight: 700; letter-spacing: .05em; font-size: .8rem; }
  h1 { margin: .25rem 0 .75rem; font-size: 1.6rem; line-height: 1.2; }
  p { margin: 0 0 1.25rem; color: #57534e; }
  a { display: inline-block; padding: .6rem 1.2rem; border-radius: 999px; background: #c2410c; color: #fff;
    text-decoration: none; font-weight: 600; }
`;
/** The page's one inline style is all it may load (the proxy adds the other security headers). */
const PAGE_POLICY = inlineStylePolicy(PAGE_CSS);

const seconds = (n: number) => `${n} second${n === 1 ? '' : 's'}`;

export function refusalJson(result: LimitResult, now: number = Date.now()): Response {
  const wait = retryAfterSeconds(result.resetMs, now);
  const closed = result.source === 'closed';
  const error = closed
    ? `Request limits can't be checked right now. Try again in ${seconds(wait)}.`
    : `Too many requests. Try again in ${seconds(wait)}.`;
  return Response.json(
    { error },
    {
      status: closed ? 503 : 429,
      headers: { 'Retry-After': String(wait), 'Cache-Control': 'no-store', ...(closed ? {} : rateLimitHeaders(result, now)) },
    },
  );
}

export function refusalPage(result: LimitResult, now: number = Date.now()): Response {
  const wait = retryAfterSeconds(result.resetMs, now);
  const closed = result.source === 'closed';
  const title = closed ? 'Back in a moment' : 'Slow down a little';
  const body = closed
    ? `We can't serve this page right now. Please try again in ${seconds(wait)}.`
    : `That was a lot of requests from your connection in a short time. Please try again in ${seconds(wait)}.`;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · Thali</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<main>
  <p class="code">${closed ? '503' : '429'}</p>
  <h1>${title}</h1>
  <p data-testid="retry-message">${body}</p>
  <a href="">Try again</a>
</main>
</body>
</html>
`;
  return new Response(html, {
    status: closed ? 503 : 429,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': PAGE_POLICY,
      'Retry-After': String(wait),
      'Cache-Control': 'no-store',
      ...(closed ? {} : rateLimitHeaders(result, now)),
    },
  });
}
