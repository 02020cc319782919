import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { GET as liveness } from '@/app/api/health/route';
import { GET as readiness } from '@/app/api/health/ready/route';
import { admins, customers } from '@/db/schema';
import { createSession, sessionKey } from '@/lib/auth/sessions';
import { createRateLimitState } from '@/lib/ratelimit/state';
import { singletons } from '@/lib/server/singletons';

import { backendPairs, setUpBackends } from '../support/backend-matrix';
import { brokenStore } from '../support/counters';
import { slackAcrossAMinute, wellInsideAMinute } from '../support/window-boundary';

/**
 * The health endpoints through their real route handlers, on every driver: anyone gets liveness and a
 * rate limit; the bearer secret or an admin session gets the details and readiness, never limited.
 * The proxy leaves these paths alone (lib/ratelimit/policies.ts), so the handlers are the whole story.
 */
const SECRET = 'health-test-secret-0123456789';

function get(handler: (request: NextRequest) => Promise<Response>, path: string, headers: Record<string, string> = {}, ip = '203.0.113.9') {
  return handler(new NextRequest(`http://127.0.0.1:3000${path}`, { headers: { 'x-forwarded-for': ip, ...headers } }));
}

for (const pair of await backendPairs()) {
  describe.skipIf(!pair.runnable)(pair.title('health and readiness'), () => {
    const backends = setUpBackends(pair, { label: 'health', env: { REDIS_TIMEOUT_MS: '5000', HEALTH_SECRET: SECRET, TRUSTED_PROXIES: '1' } });
    const bearer = { authorization: `Bearer ${SECRET}` };
    let adminCookie: string;
    let customerCookie: string;

    beforeAll(async () => {
      // The in-process limiter with the real policy table: its budget is this suite's alone.
      singletons().rateLimit = createRateLimitState(singletons().env!);
      // A session counts only for an admin who exists, in their current epoch (lib/auth/revocation.ts).
      const [admin] = await backends.db.db.insert(admins).values({ email: 'health@thali.test', name: 'Health', passwordHash: 'unused' }).returning({ id: admins.id, epoch: admins.sessionEpoch });
      adminCookie = `thali_admin=${await createSession({ kind: 'admin', adminId: admin!.id, email: 'health@thali.test', name: 'Health', epoch: admin!.epoch })}`;
      const [customer] = await backends.db.db.insert(customers).values({ phone: '919800000001' }).returning({ id: customers.id });
      customerCookie = `thali_admin=${(await createSession({ kind: 'customer', customerId: customer!.id, phone: '919800000001' }))!}`;
    });
    afterAll(async () => {
      await singletons().rateLimit?.close();
      singletons().rateLimit = undefined;
    });

    it('tells anyone only that it is alive', async () => {
      const response = await get(liveness, '/api/health');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true });
      for (const headers of [{ authorization: "Bearer wrong-secret-0123456789" }, { cookie: customerCookie }, { cookie: "thali_admin=forged" }] as Record<string, string>[]) {
        expect(await (await get(liveness, '/api/health', headers)).json()).toEqual({ ok: true });
      }
    });

    it('shows the backends and counters to a monitor with the secret and to a signed-in admin', async () => {
      for (const headers of [bearer, { cookie: adminCookie }] as Record<string, string>[]) {
        const body = await (await get(liveness, '/api/health', headers)).json();
        expect(body).toMatchObject({ ok: true, database: pair.database, redis: { backend: pair.driver.name, reachable: true } });
        expect(body.counters).toMatchObject({ dbQueries: expect.any(Number), redis: { failures: expect.any(Number), starved: expect.any(Number) } });
      }
    });

    it('limits anonymous callers per address, never the ones with the secret or a session', async () => {
      const ip = '203.0.113.77';
      await wellInsideAMinute(20_000);
      const statuses = [];
      for (let i = 0; i < 61; i++) statuses.push((await get(liveness, '/api/health', {}, ip)).status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(60);
      expect(statuses.at(-1)).toBe(429);
      expect((await get(liveness, '/api/health', bearer, ip)).status).toBe(200);
      expect((await get(readiness, '/api/health/ready', { cookie: adminCookie }, ip)).status).toBe(200);
      expect((await get(liveness, '/api/health', {}, '203.0.113.78')).status).toBe(200);
    }, 60_000);

    // Attack review: the proxy leaves these paths alone, so a made-up session cookie bought a session
    // read (a Redis round trip) on every call, however many calls an address made.
    it('reads sessions for at most 120 cookie-bearing calls a minute per address', async () => {
      const ip = '203.0.113.88';
      const store = singletons().redis!;
      const get_ = store.get.bind(store);
      const forged = Array.from({ length: 130 }, (_, i) => `1.${String(i).padStart(43, 'x')}`);
      const forgedKeys = new Set(forged.map(sessionKey));
      let sessionReads = 0;
      const spy = vi.spyOn(store, 'get').mockImplementation((key: string) => {
        if (forgedKeys.has(key)) sessionReads += 1;
        return get_(key);
      });
      await wellInsideAMinute(30_000);
      const startedAt = Date.now();
      try {
        for (const value of forged) await get(liveness, '/api/health', { cookie: `thali_admin=${value}` }, ip);
      } finally {
        spy.mockRestore();
      }
      // 121 in CI on 2026-12-07 under a load of 10: the calls straddled a minute's end.
      expect(sessionReads).toBeGreaterThanOrEqual(120);
      expect(sessionReads).toBeLessThanOrEqual(120 + slackAcrossAMinute(startedAt));
      // Another address's admin still gets the details.
      expect(await (await get(liveness, '/api/health', { cookie: adminCookie }, '203.0.113.89')).json()).toMatchObject({ database: pair.database });
    }, 90_000);

    it('reports readiness of Postgres and Redis separately, to monitors and admins only', async () => {
      const anonymous = await get(readiness, '/api/health/ready', {}, '203.0.113.10');
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');

      const ready = await get(readiness, '/api/health/ready', bearer);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        ready: true,
        postgres: { ok: true, backend: pair.database },
        redis: { ok: true, backend: pair.driver.name },
      });

      // Redis gone: within the second the last answer stands; after it, a fresh check says so.
      const shared = singletons();
      const healthy = shared.redis;
      shared.redis = brokenStore();
      try {
        expect((await get(readiness, '/api/health/ready', bearer)).status).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 1_100));
        const degraded = await get(readiness, '/api/health/ready', bearer);
        expect(degraded.status).toBe(503);
        expect(await degraded.json()).toMatchObject({ ready: false, postgres: { ok: true }, redis: { ok: false, error: expect.any(String) } });
      } finally {
        shared.redis = healthy;
      }
    });
  });
}
