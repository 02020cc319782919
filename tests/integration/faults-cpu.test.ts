import os from 'node:os';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { admins, restaurants } from '@/db/schema';
import { createSession, readSession } from '@/lib/auth/sessions';
import { getRestaurantMenu } from '@/lib/menus/cached';
import { processStats } from '@/lib/metrics/process-stats';
import { createRateLimitState, type RateLimitState } from '@/lib/ratelimit/state';
import { createTcpStore } from '@/lib/redis/tcp-store';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';

import { installBackends } from '../support/app-context';
import { startCpuHogs } from '../support/cpu-hogs';
import { createTestPglite } from '../support/databases';
import { redisServerInstalled, startOwnRedis, type OwnRedis } from '../support/redis-server';
import { IN_CI, uniquePrefix } from '../support/services';

/**
 * Finding 4 of the faults issue: a saturated CPU (busy neighbours on every core, and a server whose
 * own event loop is busy rendering) with a healthy Redis. Warm menu lookups must stay HITs, rate
 * limits must stay shared, and a signed-in admin must stay signed in: a timeout that fired because
 * the process was starved measures the CPU, not Redis. Requests here do what a page request does
 * (rate limit, session, menu, then some synchronous rendering), several at once, for a few seconds.
 * The assertions are on counts, never on timings.
 */
const canRun = redisServerInstalled() || IN_CI;
if (!canRun) console.warn('[faults-cpu] skipped: no redis-server binary on this machine (CI=true makes this a failure)');
const RUN_MS = 6_000;
const CONCURRENT_REQUESTS = 8;
/** Synchronous work per request, as rendering a page is: the event loop is busy while it runs. */
const RENDER_MS = 40;

/** Renders as React's server renderer does: scheduled (setImmediate), then synchronous until done. */
async function render(ms: number): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // Spinning, as a render does without yielding.
  }
}

describe.skipIf(!canRun)(`a saturated CPU with a healthy Redis${canRun ? '' : ' (skipped: no redis-server binary on this machine)'}`, () => {
  let own: OwnRedis;
  let store: RedisStore;
  let db: DatabaseHandle;
  let limits: RateLimitState;
  let slug: string;
  let sessionId: string;

  beforeAll(async () => {
    own = await startOwnRedis();
    store = createTcpStore({ url: own.url, commandTimeoutMs: 150 });
    db = await createTestPglite();
    // The production budgets (lib/env.ts's defaults), spelled out.
    installBackends({
      redis: store,
      database: db,
      env: { REDIS_KEY_PREFIX: uniquePrefix('faults-cpu'), REDIS_URL: own.url, REDIS_TIMEOUT_MS: '150', RATE_LIMIT_TIMEOUT_MS: '100' },
    });
    limits = createRateLimitState(singletons().env!);
    const [row] = await db.db.select({ slug: restaurants.slug }).from(restaurants).limit(1);
    slug = row!.slug;
    const [admin] = await db.db.insert(admins).values({ email: 'faults-cpu@thali.test', name: 'CPU', passwordHash: 'unused' }).returning({ id: admins.id });
    sessionId = (await createSession({ kind: 'admin', adminId: admin!.id, email: 'faults-cpu@thali.test', name: 'CPU', epoch: 1 }))!;
  });
  afterAll(async () => {
    await limits?.close();
    await store?.close();
    await own?.stop();
    await db?.close();
  });

  it('keeps warm menus in Redis, shared rate limits and admins signed in', async () => {
    await getRestaurantMenu(slug);
    expect((await getRestaurantMenu(slug)).cache.status).toBe('HIT');
    // The limiter's connection and script are loaded before the CPU gets busy, as on a running server.
    expect((await limits.limiter.limit('page', '198.51.100.250')).source).toBe('redis');

    const counts = { requests: 0, degraded: 0, misses: 0, signedOut: 0, limiterFallbacks: 0 };
    const hogs = startCpuHogs(os.cpus().length * 3, RUN_MS + 5_000);
    const until = performance.now() + RUN_MS;
    try {
      await Promise.all(
        Array.from({ length: CONCURRENT_REQUESTS }, async (_, client) => {
          while (performance.now() < until) {
            const limit = await limits.limiter.limit('page', `198.51.100.${client}`);
            if (limit.source !== 'redis') counts.limiterFallbacks += 1;
            const [session, menu] = await Promise.all([readSession(sessionId), getRestaurantMenu(slug)]);
            // What requireAdmin() did with anything but an active session: the login page.
            if (session.status !== 'active') counts.signedOut += 1;
            if (menu.cache.degraded) counts.degraded += 1;
            if (menu.cache.status !== 'HIT') counts.misses += 1;
            counts.requests += 1;
            await render(RENDER_MS);
          }
        }),
      );
    } finally {
      await hogs.stop();
    }

    console.info('[faults-cpu]', JSON.stringify({ ...counts, redis: processStats().redis }));
    expect(counts.requests).toBeGreaterThan(20);
    expect(counts.signedOut, 'admins sent to the login page by a busy CPU').toBe(0);
    // Before: 75 % or more of each. A few real timeouts may remain (redis-server is starved by the same
    // neighbours, and on a busy machine by the other suites and builds too: 8 of 59 once); an outage may not.
    expect(counts.degraded, 'warm lookups that went to Postgres').toBeLessThanOrEqual(counts.requests * 0.25);
    expect(counts.limiterFallbacks, 'rate-limit decisions made per instance').toBeLessThanOrEqual(counts.requests * 0.25);
    expect(processStats().redis.skipped, 'lookups skipped by an open breaker').toBe(0);
  }, 30_000);
});
