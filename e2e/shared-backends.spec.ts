import { expect, test } from './support/test';

import { E2E_PORT, E2E_SECOND_PORT, E2E_SHARED_BACKENDS, healthHeaders } from './support/config';
import { requestFrom, uniqueLoopbackAddress, type PlainResponse } from './support/loopback';

/**
 * The two instances reach the one Redis by different drivers (A over TCP, B over Upstash REST
 * through the bridge) and still share everything kept there. Sessions and the menu cache are
 * covered by shared-sessions.spec.ts and admin-edit.spec.ts; here, the setup itself and the rate
 * limiter: @upstash/ratelimit's scripts run over REST on B and through the TCP adapter on A.
 */
const A = `http://127.0.0.1:${E2E_PORT}`;
const B = `http://127.0.0.1:${E2E_SECOND_PORT}`;
const header = (response: PlainResponse, name: string) => Number(response.headers[name]);

test.describe('two instances, two Redis drivers', () => {
  const reason = 'needs E2E_REDIS_URL and E2E_DATABASE_URL: the embedded backends live inside one server process, so no second instance is started';
  if (!E2E_SHARED_BACKENDS) console.log(`[shared-backends] skipped: ${reason}`);
  test.skip(!E2E_SHARED_BACKENDS, reason);

  test('A uses TCP and B uses Upstash REST, both on Postgres, both reaching Redis', async ({ request }) => {
    for (const [base, backend] of [
      [A, 'tcp'],
      [B, 'upstash'],
    ] as const) {
      const health = (await (await request.get(`${base}/api/health`, { headers: healthHeaders })).json()) as {
        database: string;
        redis: { backend: string; reachable: boolean };
      };
      expect(health, base).toMatchObject({ database: 'postgres', redis: { backend, reachable: true } });
    }
  });

  test('a client has one API budget across both instances', async () => {
    // A new client (its own loopback address) with at least a few seconds left in the limiter's
    // window, so all three requests count in the same one.
    let client = uniqueLoopbackAddress();
    let first = await requestFrom(client, `${B}/api/cities`);
    while (header(first, 'ratelimit-reset') < 5) {
      await new Promise((resolve) => setTimeout(resolve, header(first, 'ratelimit-reset') * 1_000 + 500));
      client = uniqueLoopbackAddress();
      first = await requestFrom(client, `${B}/api/cities`);
    }
    const second = await requestFrom(client, `${A}/api/cities`);
    const third = await requestFrom(client, `${B}/api/cities`);

    const limit = header(first, 'ratelimit-limit');
    expect(limit).toBeGreaterThan(3);
    for (const response of [first, second, third]) {
      expect(response.status).toBe(200);
      expect(header(response, 'ratelimit-limit')).toBe(limit);
    }
    // Each instance counted the other's requests: the limiter's keys are shared. (The per-instance
    // fallback, used while Redis does not answer, would count them apart: limit - 1, - 1, - 2.)
    expect([first, second, third].map((response) => header(response, 'ratelimit-remaining'))).toEqual([limit - 1, limit - 2, limit - 3]);
  });
});
