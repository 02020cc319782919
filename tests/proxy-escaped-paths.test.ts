import { NextRequest, type NextFetchEvent } from 'next/server';
import { beforeEach, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { createMemoryStore } from '@/lib/redis/memory-store';
import { proxy } from '@/proxy';
import { installBackends } from '@/tests/support/app-context';

const event = { waitUntil: () => {} } as unknown as NextFetchEvent;

async function answer(path: string, method = 'GET') {
  const response = await proxy(new NextRequest(`http://127.0.0.1${path}`, { method }), event);
  const location = response.headers.get('location');
  // Next's server sends a Location on the request's own origin as a path (proxy.ts redirectTo).
  return { status: response.status, location: location === null ? null : `${new URL(location).pathname}${new URL(location).search}` };
}

/**
 * Decision 079. Reviews, 2026-12-07: Next routes a percent-escaped spelling of a path where the plain
 * one goes, but the proxy's checks read it as written: `/%61dmin/restaurants` rendered the console
 * under the public pages' policy, `/%61pi/cities` drew on the pages' budget, `/%64elhi?q=…` ran a
 * search on it, and `/%64elhi` rendered per request instead of from the page cache.
 */
describe('a percent-escaped spelling of an address', () => {
  // As scripts/serve.mjs runs the app (npm start), where the shared pages are on.
  const install = () => installBackends({ redis: createMemoryStore(), database: {} as DatabaseHandle, env: { THALI_SERVED_BY: 'serve.mjs' } });
  beforeEach(() => install());

  it('is sent to its plain spelling before anything renders, its query kept as the page reads it', async () => {
    expect(await answer('/%61dmin/restaurants')).toMatchObject({ status: 307, location: '/admin/restaurants' });
    expect(await answer('/%61pi/cities')).toMatchObject({ status: 307, location: '/api/cities' });
    expect(await answer('/%64elhi?q=biryani&utm_source=x')).toMatchObject({ status: 307, location: '/delhi?q=biryani' });
    expect(await answer('/%6Cogin?next=%2Faccount', 'HEAD')).toMatchObject({ status: 307, location: '/login?next=%2Faccount' });
  });

  it('is refused with a 400 for any other method (a browser never sends one: its page was redirected)', async () => {
    expect(await answer('/%61ccount', 'POST')).toMatchObject({ status: 400, location: null });
  });

  it('leaves alone what is spelled plainly, or escaped as it must be', async () => {
    for (const path of ['/admin/restaurants', '/delhi%2Fkarims', '/caf%C3%A9']) {
      expect((await answer(path)).status, path).not.toBe(307);
    }
  });
});
