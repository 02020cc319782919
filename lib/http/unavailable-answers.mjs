// A page whose render failed because Postgres (or another backend) did not answer is a 503 with
// Retry-After, not a 500: Next gives every render thrown before its shell a 500, whatever threw, and a
// render has no way to set its status (docs/decisions/059-pages-without-postgres-answer-503.md).
//
// scripts/serve.mjs tags each request with an id it makes (a client's own value is replaced) and
// wraps the response's writeHead; the app's onRequestError (instrumentation.ts), which Next calls
// with the render's error before it answers, marks the id when the error is a backend that did not
// answer (lib/server/unavailable.ts). A 500 for a marked request goes out as a 503. Plain JavaScript:
// serve.mjs has no build step, and the app's bundle has its own copy of this module, so the open
// requests live on globalThis.
//
// Next shares one render among the requests for a path that arrive while it runs, and calls
// onRequestError once, with the headers of the request it began for: the others joined the same
// failed render, so a 500 on that path while a marked request is open, or within a second of one's
// answer, is that render's too (decision 059's amendment).

import { randomUUID } from 'node:crypto';

/** The request header carrying serve.mjs's id into the app; never taken from a client. */
export const REQUEST_ID_HEADER = 'x-thali-request-id';
/** Seconds a client is asked to wait: Postgres restarts in a few, and a frozen one is retried once a second (db/silent-server.ts). */
export const RETRY_AFTER_SECONDS = 5;

const OPEN = Symbol.for('thali.open-requests');
const FAILED = Symbol.for('thali.unavailable-paths');
/** How long after a marked request's answer a 500 on its path still counts as its render's. */
const SHARED_RENDER_MS = 1_000;

/**
 * Request id → `{ path, failed }`: its path, and whether a backend failed to answer it; an entry lives
 * while its response is open.
 */
function openRequests() {
  return (globalThis[OPEN] ??= new Map());
}

/** Path → when a request on it was last answered as unavailable. */
function failedPaths() {
  return (globalThis[FAILED] ??= new Map());
}

function pathOf(request) {
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/** Whether a render of `path` that a backend failed is open, or was answered just now: one a request may have joined. */
function sharedRenderFailed(path) {
  for (const request of openRequests().values()) if (request.failed && request.path === path) return true;
  const failedAt = failedPaths().get(path);
  return failedAt !== undefined && performance.now() - failedAt < SHARED_RENDER_MS;
}

function rememberFailed(path) {
  const now = performance.now();
  const failed = failedPaths();
  for (const [known, at] of failed) if (now - at >= SHARED_RENDER_MS) failed.delete(known);
  failed.set(path, now);
}

/** Called by the app for a failed render: marks the request whose headers these are, if it is still open. */
export function markBackendUnavailable(headers) {
  const value = headers?.[REQUEST_ID_HEADER];
  const id = Array.isArray(value) ? value[0] : value;
  const request = typeof id === 'string' ? openRequests().get(id) : undefined;
  if (request) request.failed = true;
}

/** Tags `request` and makes a 500 of its response a 503 with Retry-After once the app has marked it. */
export function answerUnavailableAs503(request, response) {
  const id = randomUUID();
  request.headers[REQUEST_ID_HEADER] = id;
  const open = { path: pathOf(request), failed: false };
  const requests = openRequests();
  requests.set(id, open);
  response.once('close', () => {
    if (open.failed) rememberFailed(open.path);
    requests.delete(id);
  });

  const writeHead = response.writeHead;
  // Node's implicit headers (a plain end() or write() after statusCode = 500) go through writeHead too.
  response.writeHead = function (status, ...rest) {
    if (status === 500 && (open.failed || sharedRenderFailed(open.path))) {
      this.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      this.setHeader('Cache-Control', 'no-store');
      // writeHead(status, reasonPhrase, headers): 500's phrase would contradict the new status.
      if (typeof rest[0] === 'string') rest.shift();
      return writeHead.call(this, 503, ...rest);
    }
    return writeHead.call(this, status, ...rest);
  };
}
