import { expect, test, type Page } from './support/test';

import { E2E_ADMIN, E2E_RATELIMIT_PORT, healthHeaders } from './support/config';
import { requestFrom, startRelay, uniqueLoopbackAddress, type PlainResponse } from './support/loopback';

/**
 * Rate limits against the real server (scripts/serve.mjs over the production build, no trusted
 * proxy), with the production budgets. Every test is its own client by connecting from its own
 * loopback address, so the identity under test is the socket address itself.
 */
const base = `http://127.0.0.1:${E2E_RATELIMIT_PORT}`;
const header = (response: PlainResponse, name: string) => String(response.headers[name] ?? '');

/** Spends `from`'s budget on `path`, `parallel` requests at a time, until the first refusal. */
async function exhaust(from: string, path: string, options: { max: number; parallel: number }) {
  const answered: PlainResponse[] = [];
  while (answered.length < options.max) {
    const batch = await Promise.all(Array.from({ length: options.parallel }, () => requestFrom(from, `${base}${path}`)));
    answered.push(...batch);
    if (batch.some((response) => response.status === 429)) break;
  }
  const refused = answered.find((response) => response.status === 429);
  return { answered, refused, allowed: answered.filter((response) => response.status === 200).length };
}

test.describe('rate limits', () => {
  test('hammering an API route is refused within a few hundred requests, with RateLimit headers', async () => {
    const client = uniqueLoopbackAddress();
    const first = await requestFrom(client, `${base}/api/cities`);
    expect(first.status).toBe(200);
    const limit = Number(header(first, 'ratelimit-limit'));
    expect(limit).toBeGreaterThan(0);
    expect(Number(header(first, 'ratelimit-remaining'))).toBe(limit - 1);
    expect(Number(header(first, 'ratelimit-reset'))).toBeGreaterThanOrEqual(1);
    expect(Number(header(first, 'ratelimit-reset'))).toBeLessThanOrEqual(60);

    const { refused, allowed } = await exhaust(client, '/api/cities', { max: 400, parallel: 1 });
    expect(refused, 'a 429 within 400 requests').toBeDefined();
    // A fresh client gets its budget: the first request above plus `allowed` here. Should a minute
    // boundary fall mid-run, the sliding window forgives a request or two of the old minute.
    expect(allowed + 1).toBeGreaterThanOrEqual(limit);
    expect(allowed + 1).toBeLessThanOrEqual(limit + 2);
    expect(header(refused!, 'content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(refused!.body)).toEqual({ error: expect.stringMatching(/^Too many requests\. Try again in \d+ seconds?\.$/) });
    const retryAfter = Number(header(refused!, 'retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(header(refused!, 'ratelimit-limit')).toBe(String(limit));
    expect(header(refused!, 'ratelimit-remaining')).toBe('0');
    expect(Number(header(refused!, 'ratelimit-reset'))).toBe(retryAfter);
  });

  test('a client cannot pick its identity: spoofed forwarding headers do not reset or borrow a budget', async () => {
    const client = uniqueLoopbackAddress();
    const { refused } = await exhaust(client, '/api/cities', { max: 400, parallel: 10 });
    expect(refused).toBeDefined();

    // The same socket, claiming to be someone else in every header a proxy might have written.
    for (let i = 0; i < 5; i++) {
      const claimed = `198.51.100.${i + 1}`;
      const spoofed = await requestFrom(client, `${base}/api/cities`, {
        headers: { 'X-Forwarded-For': claimed, 'X-Real-IP': claimed, Forwarded: `for=${claimed}`, 'X-Vercel-Forwarded-For': claimed },
      });
      expect(spoofed.status, `spoofed as ${claimed}`).toBe(429);
    }

    // Another socket address is another client, even when it claims to be the exhausted one.
    const other = await requestFrom(uniqueLoopbackAddress(), `${base}/api/cities`, { headers: { 'X-Forwarded-For': client } });
    expect(other.status).toBe(200);

    // Health checks have a budget of their own, untouched by an exhausted API budget.
    expect((await requestFrom(client, `${base}/api/health`)).status).toBe(200);
  });

  test('health: anyone gets liveness only, within a budget; the bearer secret gets details, unlimited', async () => {
    const client = uniqueLoopbackAddress();
    const first = await requestFrom(client, `${base}/api/health`);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toEqual({ ok: true });
    expect((await requestFrom(client, `${base}/api/health/ready`)).status).toBe(401);

    const { refused } = await exhaust(client, '/api/health', { max: 100, parallel: 10 });
    expect(refused, 'a 429 within 100 anonymous health checks').toBeDefined();
    for (let i = 0; i < 3; i++) {
      const monitor = await requestFrom(client, `${base}/api/health`, { headers: healthHeaders });
      expect(monitor.status).toBe(200);
      expect(JSON.parse(monitor.body)).toMatchObject({ ok: true, counters: { dbQueries: expect.any(Number) } });
    }
    const ready = await requestFrom(client, `${base}/api/health/ready`, { headers: healthHeaders });
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toMatchObject({ ready: true, postgres: { ok: true }, redis: { ok: true } });
  });

  test('a page answers with the friendly 429 page that says when to try again', async ({ page }) => {
    const client = uniqueLoopbackAddress();
    const { refused, allowed } = await exhaust(client, '/', { max: 1_000, parallel: 20 });
    expect(refused, 'a 429 within 1,000 page requests').toBeDefined();
    expect(allowed).toBeGreaterThan(100);

    const relay = await startRelay(E2E_RATELIMIT_PORT, client);
    try {
      const response = await page.goto(`http://127.0.0.1:${relay.port}/`);
      expect(response?.status()).toBe(429);
      expect(Number(response?.headers()['retry-after'])).toBeGreaterThanOrEqual(1);
      await expect(page.getByRole('heading', { name: 'Slow down a little' })).toBeVisible();
      await expect(page.getByTestId('retry-message')).toHaveText(/Please try again in \d+ seconds?\./);
      await expect(page.getByRole('link', { name: 'Try again' })).toBeVisible();
    } finally {
      await relay.close();
    }
  });

  test('the cooldown blocks the 6th wrong password and the right password during the block', async ({ browser }) => {
    const client = uniqueLoopbackAddress();
    const relay = await startRelay(E2E_RATELIMIT_PORT, client);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      // Each attempt waits for its own answer: the message repeats, so seeing it proves nothing.
      const submit = async (password: string) => {
        await page.getByLabel('Email').fill(E2E_ADMIN.email);
        await page.getByLabel('Password').fill(password);
        const answered = page.waitForResponse((response) => response.request().method() === 'POST');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await answered;
        await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
      };
      await page.goto(`http://127.0.0.1:${relay.port}/admin/login`);
      for (let i = 1; i <= 5; i++) {
        await submit(`wrong-password-${i}`);
        await expect(page.getByTestId('login-error'), `attempt ${i}`).toHaveText('Email or password is incorrect.');
      }
      await submit('wrong-password-6');
      await expectBlocked(page);
      await submit(E2E_ADMIN.password);
      await expectBlocked(page);
      await expect(page).toHaveURL(/\/admin\/login/);
    } finally {
      await context.close();
      await relay.close();
    }

    // The block is for this account from this address: the same password from elsewhere signs in.
    const elsewhere = await startRelay(E2E_RATELIMIT_PORT, uniqueLoopbackAddress());
    const other = await browser.newContext();
    try {
      const page = await other.newPage();
      await page.goto(`http://127.0.0.1:${elsewhere.port}/admin/login`);
      await page.getByLabel('Email').fill(E2E_ADMIN.email);
      await page.getByLabel('Password').fill(E2E_ADMIN.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByTestId('admin-shell')).toBeVisible();
    } finally {
      await other.close();
      await elsewhere.close();
    }
  });
});

async function expectBlocked(page: Page): Promise<void> {
  await expect(page.getByTestId('login-error')).toHaveText(/^Too many attempts/);
}
