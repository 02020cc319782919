import type { CacheOutcome } from '@/lib/cache/types';

/** JSON error bodies are always `{ error }` with a sentence a developer can act on. */
export function jsonError(status: number, error: string, headers?: HeadersInit): Response {
  return Response.json({ error }, { status, headers });
}

/**
 * `x-cache` says how this request's lookup of its own key went; `Server-Timing` shows the same in
 * the browser's network panel.
 */
export function cacheHeaders(outcome: CacheOutcome): Headers {
  const description = outcome.degraded ? `${outcome.status} (redis unavailable)` : outcome.status;
  return new Headers({
    'x-cache': outcome.status,
    'server-timing': `cache;desc="${description}";dur=${outcome.ms.toFixed(2)}`,
  });
}

export function cachedJson(body: unknown, outcome: CacheOutcome): Response {
  return Response.json(body, { headers: cacheHeaders(outcome) });
}

/** A body that is JSON text already (a cached entry's): sent as is, not parsed and serialized again. */
export function cachedJsonText(text: string, outcome: CacheOutcome): Response {
  const headers = cacheHeaders(outcome);
  headers.set('content-type', 'application/json');
  return new Response(text, { headers });
}
