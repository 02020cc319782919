// npm run dev / npm start: Next.js behind a thin Node HTTP server, so the app knows who its client is.
//
//   node scripts/serve.mjs [--dev] [-p|--port <port>] [-H|--hostname <host>]      (PORT works too)
//
// `next start` and `next dev` keep whatever X-Forwarded-For a client sends and never show the socket
// address to proxy.ts, so rate limits keyed on it could be dodged by inventing addresses. Here, unless
// TRUSTED_PROXIES says a proxy in front may be believed, client-sent forwarding headers are dropped
// and X-Forwarded-For carries the socket address (lib/ratelimit/client-identity.ts reads it).
// Plain JavaScript with no build step, so production needs nothing but `next build`.
import http from 'node:http';
import { parseArgs } from 'node:util';

import nextEnv from '@next/env';

import { bodyRefusal, isPhotoUpload } from '../lib/http/body-limits.mjs';
import { connectionGuard, HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS } from '../lib/http/connection-guard.mjs';
import { answerUnavailableAs503 } from '../lib/http/unavailable-answers.mjs';
import { methodRefusal, routerStateRefusal, targetRefusal, upgradeAllowed, withoutStrayRouterParam } from '../lib/http/request-target.mjs';

import { parseTrustedProxies, scrubForwarding } from './trusted-proxies.mjs';

const { values } = parseArgs({
  options: {
    dev: { type: 'boolean', default: false },
    port: { type: 'string', short: 'p' },
    hostname: { type: 'string', short: 'H' },
  },
});
const dev = values.dev;
// What `next dev` / `next start` would set; React and Next pick their builds from it.
process.env.NODE_ENV = dev ? 'development' : 'production';
// The shared pages are on by default only behind this server, which strips what Next would write
// into them from a visitor's address (lib/env.ts PAGE_CACHE, docs/decisions/046).
process.env.THALI_SERVED_BY = 'serve.mjs';
// .env files first, so TRUSTED_PROXIES from them counts here as it does in the app.
nextEnv.loadEnvConfig(process.cwd(), dev);

const port = Number(values.port ?? process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port <= 0 || port > 65_535) {
  console.error(`[thali] invalid port "${values.port ?? process.env.PORT}"`);
  process.exit(1);
}
// Not HOSTNAME from the environment: shells and containers set it to the machine's name.
const hostname = values.hostname;

let trust;
try {
  trust = parseTrustedProxies(process.env.TRUSTED_PROXIES, process.env.VERCEL);
} catch (error) {
  console.error(`[thali] Invalid configuration:\n  ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const { default: next } = await import('next');
const server = http.createServer({ headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS });
// Facing clients directly, one address may hold only so many connections; behind a trusted proxy every
// connection comes from the proxy, which bounds its clients itself.
if (trust === 'none') server.on('connection', connectionGuard().onConnection);
// Next is told 'localhost' whatever address the server listens on: it spells every loopback address
// that way in proxy.ts's URLs, and a rewrite to an origin other than the one it was told counts as
// external and goes out over HTTP (the shared pages are rewrites: docs/decisions/046).
const app = next({ dev, hostname: 'localhost', port, httpServer: server });
const handle = app.getRequestHandler();
await app.prepare();

/** The request's path, parsed once for both checks below ('/' for a target that doesn't parse as a URL). */
function pathnameOf(request) {
  try {
    return new URL(request.url ?? '/', 'http://thali.invalid').pathname;
  } catch {
    return '/';
  }
}

/**
 * A method Next can't take, a path or router state it can't decode (each a 500), or a body the route would refuse, is answered here,
 * before Next reads (and buffers) any of it.
 */
function refuseBody(request, response, pathname) {
  const refusal =
    methodRefusal(request.method) ??
    targetRefusal(request.url) ??
    routerStateRefusal(request.headers['next-router-state-tree']) ??
    bodyRefusal(request.method ?? 'GET', pathname, (name) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value.join(',') : value;
    });
  if (!refusal) return false;
  // Answered at once. Node then reads and discards (never buffers) whatever of the body is still coming,
  // so the client sees this answer rather than a connection reset mid-upload.
  response.writeHead(refusal.status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify({ error: refusal.error }));
  return true;
}

/** The app's check of a photo upload (lib/media/upload-gate.ts), registered when the server starts. */
const PHOTO_UPLOAD_GATE = Symbol.for('thali.photo-upload-gate');

/**
 * A photo upload is let through to Next, which buffers its body (4 MB) before the route checks the
 * session, only with an admin session behind its cookie; else answered here, unread.
 */
async function refuseUpload(request, response, pathname) {
  const gate = globalThis[PHOTO_UPLOAD_GATE];
  if (typeof gate !== 'function' || !isPhotoUpload(request.method ?? 'GET', pathname)) return false;
  const headers = new Headers();
  for (const name of ['cookie', 'x-forwarded-for', 'x-real-ip', 'x-vercel-forwarded-for']) {
    const value = request.headers[name];
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  let refusal;
  try {
    refusal = await gate(headers);
  } catch (error) {
    console.error('[thali] photo upload check failed', error);
    refusal = { status: 503, error: 'Photos can’t be uploaded just now. Try again in a moment.' };
  }
  if (!refusal) return false;
  response.writeHead(refusal.status, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    ...(refusal.retryAfterSeconds ? { 'Retry-After': String(refusal.retryAfterSeconds) } : {}),
  });
  response.end(JSON.stringify({ error: refusal.error }));
  return true;
}

server.on('request', async (request, response) => {
  const pathname = pathnameOf(request);
  if (refuseBody(request, response, pathname)) return;
  scrubForwarding(request, trust);
  if (await refuseUpload(request, response, pathname)) return;
  request.url = withoutStrayRouterParam(request.url, request.headers.rsc);
  // A page that failed because Postgres did not answer goes out as a 503 with Retry-After, not a 500.
  answerUnavailableAs503(request, response);
  handle(request, response).catch((error) => {
    console.error('[thali] request failed', error);
    if (!response.headersSent) response.statusCode = 500;
    response.end();
  });
});

// A request to upgrade its connection (a WebSocket) is an 'upgrade' event, which never reaches the
// 'request' handler above: Next listens for it itself and ran proxy.ts on it with the client's own
// X-Forwarded-For and no request id, so the limiter counted it under any address the client named
// (lib/http/request-target.mjs upgradeAllowed). Next adds its listener once it has served a request,
// and one listener cannot stop another, so the event is gated here, before any listener sees it.
const emit = server.emit;
server.emit = function (event, ...args) {
  if (event === 'upgrade') {
    const [request, socket] = args;
    if (!upgradeAllowed(request.url, dev)) {
      const body = JSON.stringify({ error: 'This server takes no WebSocket connections.' });
      socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nCache-Control: no-store\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      return true;
    }
    scrubForwarding(request, trust);
  }
  return emit.call(this, event, ...args);
};

server.listen(port, hostname, () => {
  const shown = hostname ?? 'localhost';
  console.log(`[thali] ready on http://${shown.includes(':') ? `[${shown}]` : shown}:${port} (${dev ? 'development' : 'production'}; trusted proxies: ${trust})`);
});
