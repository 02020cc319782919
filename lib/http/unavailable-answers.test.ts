import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { onRequestError } from '@/instrumentation';
import { DeadlineError } from '@/lib/server/deadline';
import { registerRenderFailed } from '@/lib/server/unavailable';

import { answerUnavailableAs503, REQUEST_ID_HEADER, RETRY_AFTER_SECONDS } from './unavailable-answers.mjs';

/** A drizzle "Failed query" wrapping the driver's error, as a page sees it when Postgres is stopped. */
function refusedQuery(): Error {
  return new Error('Failed query: select …', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }) });
}

const ERRORS: Record<string, () => unknown> = {
  refused: refusedQuery,
  deadline: () => new DeadlineError('Postgres did not answer within 2000 ms', false),
  bug: () => new TypeError("Cannot read properties of undefined (reading 'slug')"),
};

/**
 * serve.mjs's part (tag the request, wrap the response) around what Next does with a render thrown
 * before its shell: onRequestError with the error and the request's headers, then a 500 error page,
 * written the ways Next and Node write a status.
 */
describe('a render that failed because a backend did not answer', () => {
  let server: http.Server;
  let base: string;
  const seenIds: string[] = [];
  /** Renders in flight by path, as Next shares them: the requests that arrive during one wait for it. */
  const renders = new Map<string, Promise<void>>();

  beforeAll(async () => {
    registerRenderFailed();
    server = http.createServer((request, response) => {
      answerUnavailableAs503(request, response);
      seenIds.push(String(request.headers[REQUEST_ID_HEADER]));
      const url = new URL(request.url ?? '/', 'http://x');
      if (url.searchParams.has('shared')) {
        // Next's shared render: onRequestError once, with the headers of the request it began for.
        let render = renders.get(url.pathname);
        if (!render) {
          render = new Promise<void>((resolve) => setTimeout(resolve, 100)).then(() => {
            onRequestError(refusedQuery(), { headers: request.headers as Record<string, string> });
          });
          renders.set(url.pathname, render);
        }
        const lateBy = Number(url.searchParams.get('late') ?? 0);
        void render.then(() => setTimeout(() => {
          response.statusCode = 500;
          response.end('<h1>We couldn’t load this page just now</h1>');
        }, lateBy));
        return;
      }
      const error = ERRORS[url.searchParams.get('error') ?? '']?.();
      if (error) onRequestError(error, { headers: request.headers as Record<string, string> });
      if (url.searchParams.get('write') === 'head') {
        response.writeHead(500, 'Internal Server Error', { 'Content-Type': 'text/html' });
        response.end('<h1>We couldn’t load this page just now</h1>');
      } else {
        // statusCode then end(): Node writes the head implicitly.
        response.statusCode = error ? 500 : 200;
        response.setHeader('Content-Type', 'text/html');
        response.end(error ? '<h1>We couldn’t load this page just now</h1>' : '<h1>Menu</h1>');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers 503 with Retry-After, not 500, when Postgres refused the connection', async () => {
    const response = await fetch(`${base}/bengaluru?error=refused`);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).toContain('couldn’t load this page');
  });

  it('answers 503 when a statement met its deadline, and when Next writes the head with a reason phrase', async () => {
    const response = await fetch(`${base}/bengaluru?error=deadline&write=head`);
    expect(response.status).toBe(503);
    expect(response.statusText).toBe('Service Unavailable');
    expect(response.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
    expect(response.headers.get('content-type')).toBe('text/html');
  });

  it('leaves a 500 from a bug a 500, and other answers alone', async () => {
    const bug = await fetch(`${base}/a-page-with-a-bug?error=bug`);
    expect(bug.status).toBe(500);
    expect(bug.headers.get('retry-after')).toBeNull();
    const fine = await fetch(`${base}/bengaluru`);
    expect(fine.status).toBe(200);
    expect(fine.headers.get('retry-after')).toBeNull();
  });

  it('answers 503 to every request that joined a render a backend failed, not only the one it began for', async () => {
    const statuses = await Promise.all(
      ['', '', '', '&late=300'].map((late) => fetch(`${base}/bengaluru/joined?shared=1${late}`).then((response) => response.status)),
    );
    expect(statuses).toEqual([503, 503, 503, 503]);
  });

  it('leaves a 500 on another path a 500 while a failed render is answered', async () => {
    const [joined, bug] = await Promise.all([
      fetch(`${base}/mumbai/shared?shared=1`).then((response) => response.status),
      new Promise((resolve) => setTimeout(resolve, 50)).then(() => fetch(`${base}/pune?error=bug`)).then((response) => response.status),
    ]);
    expect(joined).toBe(503);
    expect(bug).toBe(500);
  });

  it('replaces an id the client sent, and forgets each request once answered', async () => {
    const response = await fetch(`${base}/a-page-with-a-bug?error=bug`, { headers: { [REQUEST_ID_HEADER]: 'forged' } });
    expect(response.status).toBe(500);
    expect(seenIds).not.toContain('forged');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const open = (globalThis as Record<symbol, Map<string, unknown>>)[Symbol.for('thali.open-requests')];
    expect(open?.size).toBe(0);
  });
});
