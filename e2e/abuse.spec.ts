import http from 'node:http';

import { actionId, actionResult, callAction, cookiesFrom } from './support/actions';
import { createTemporaryAdmin, signInAsAdmin } from './support/admin';
import { withRedis } from './support/backends';
import { E2E_PORT, E2E_RATELIMIT_KEY_PREFIX, E2E_RATELIMIT_PORT, E2E_SECOND_PORT, E2E_SHARED_BACKENDS } from './support/config';
import { requestFrom, startRelay, uniqueLoopbackAddress } from './support/loopback';
import { codesShown as codesOf, signedInCustomer, uniquePhone } from './support/scripted-sign-in';
import { residentMb, serverPid } from './support/server-memory';
import { expect, test } from './support/test';

/**
 * The attacks of issue #10, repeated against real servers (scripts/serve.mjs over the production
 * build, the production budgets of the rate-limit server, real Postgres and Redis in CI), each as a
 * script or a browser would send it, from loopback addresses of its own. docs/security.md tabulates
 * what each attack got and what a real user still got. Every test here failed on the code before
 * the fix (see that document).
 */
const base = `http://127.0.0.1:${E2E_RATELIMIT_PORT}`;
const main = `http://127.0.0.1:${E2E_PORT}`;

type OtpState = { step: 'phone' | 'code'; error?: string; notice?: string };

const otp = () => ({ base, path: '/login', id: actionId('otpStep', 'app/login/page') });

async function sendCode(from: string, phone: string, cookie = '') {
  const response = await callAction({ ...otp(), from, form: { phone, intent: 'send' }, formArgs: [{ step: 'phone' }], headers: cookie ? { cookie } : {} });
  return { state: actionResult<OtpState>(response), cookie: cookiesFrom(response, cookie) };
}

async function verifyCode(from: string, phone: string, code: string, cookie = '') {
  const response = await callAction({ ...otp(), from, form: { phone, intent: 'verify', code }, formArgs: [{ step: 'code' }], headers: cookie ? { cookie } : {} });
  const signedIn = (response.headers['set-cookie'] ?? []).some((header) => header.includes('thali_customer='));
  return { signedIn, state: signedIn ? undefined : actionResult<OtpState>(response), cookie: cookiesFrom(response, cookie) };
}

/** The sign-in codes for `phone` that `server`'s outbox (the rate-limit server's by default) shows to whoever sends `cookie`. */
const codesShown = (from: string, phone: string, cookie = '', server = base) => codesOf(from, phone, cookie, server);

test.describe('issue #10: abuse', () => {
  test.describe.configure({ timeout: 120_000 });

  test('finding 1: knowing a number is not enough to sign in as it', async () => {
    const phone = uniquePhone();
    const owner = uniqueLoopbackAddress();
    const sent = await sendCode(owner, phone);
    expect(sent.state.step).toBe('code');
    const [code] = await codesShown(owner, phone, sent.cookie);
    expect(code).toMatch(/^\d{6}$/);
    expect((await verifyCode(owner, phone, code!, sent.cookie)).signedIn).toBe(true);

    // Someone else: the outbox shows them none of the owner's codes, nor the one they ask for themselves.
    const attacker = uniqueLoopbackAddress();
    expect(await codesShown(attacker, phone)).toEqual([]);
    const asked = await sendCode(attacker, phone);
    expect(await codesShown(attacker, phone, asked.cookie)).toEqual([]);
    // The owner's code (used or not) works only in the owner's browser.
    expect((await verifyCode(attacker, phone, code!, asked.cookie)).signedIn).toBe(false);
  });

  test('finding 2: 110 addresses × 10 numbers cannot exhaust the daily text cap', async ({}, testInfo) => {
    const outcomes = { sent: 0, limited: 0, capped: 0, other: 0 };
    const addresses = Array.from({ length: 110 }, () => uniqueLoopbackAddress());
    const attack = async (from: string) => {
      for (let number = 0; number < 12; number++) {
        const { state } = await sendCode(from, uniquePhone());
        if (state.step === 'code') outcomes.sent += 1;
        else if (/Too many codes/.test(state.error ?? '')) outcomes.limited += 1;
        else if (/more codes today/.test(state.error ?? '')) outcomes.capped += 1;
        else outcomes.other += 1;
      }
    };
    for (let i = 0; i < addresses.length; i += 10) await Promise.all(addresses.slice(i, i + 10).map(attack));
    testInfo.annotations.push({ type: 'attack', description: JSON.stringify({ requests: 110 * 12, ...outcomes }) });

    expect(outcomes.capped).toBe(0);
    // Each address got its own hourly budget of codes, then was refused.
    expect(outcomes.sent).toBeLessThanOrEqual(110 * 10);
    expect(outcomes.limited).toBeGreaterThanOrEqual(110 * 2);
    // A real customer, elsewhere, still gets a code.
    expect((await sendCode(uniqueLoopbackAddress(), uniquePhone())).state.step).toBe('code');

    // Thousands of limiter windows, codes and cooldowns: gone again, so other specs' SCANs of the shared Redis stay short.
    if (E2E_SHARED_BACKENDS) {
      await withRedis(async (redis) => {
        for await (const keys of redis.scanIterator({ MATCH: `${E2E_RATELIMIT_KEY_PREFIX}*otp*`, COUNT: 1_000 })) if (keys.length > 0) await redis.del(keys);
      });
    }
  });

  test('finding 3: an attacker can neither delay, nor void, nor probe a customer’s code', async () => {
    const phone = uniquePhone();
    const attacker = uniqueLoopbackAddress();
    await sendCode(attacker, phone);

    // The owner asks right after: a fresh code, no cooldown inherited from the attacker.
    const owner = uniqueLoopbackAddress();
    const sent = await sendCode(owner, phone);
    expect(sent.state).toEqual({ step: 'code', phone: `91${phone}`, shownPhone: expect.any(String), resendIn: 30 });
    const [code] = await codesShown(owner, phone, sent.cookie);

    // Five wrong guesses (and more) from another browser: the answer is the same as for a number with no code at all.
    const probe = await verifyCode(attacker, uniquePhone(), '000000');
    for (let i = 0; i < 6; i++) {
      const guess = await verifyCode(attacker, phone, String(100000 + i));
      expect(guess.signedIn).toBe(false);
      expect(guess.state?.error).toBe(probe.state?.error);
    }
    // The owner's code still works.
    expect((await verifyCode(owner, phone, code!, sent.cookie)).signedIn).toBe(true);
  });

  test('finding 4: twenty wrong passwords from four addresses do not lock the admin out of their own browser', async ({ browser }) => {
    test.skip(!E2E_SHARED_BACKENDS, 'needs an admin of its own in the real e2e Postgres (CI has it)');
    const admin = await createTemporaryAdmin();
    const home = uniqueLoopbackAddress();
    const relay = await startRelay(E2E_RATELIMIT_PORT, home);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const signIn = async () => {
        await page.goto(`http://127.0.0.1:${relay.port}/admin/login`);
        await page.getByLabel('Email').fill(admin.email);
        await page.getByLabel('Password').fill(admin.password);
        await page.getByRole('button', { name: 'Sign in' }).click();
      };
      await signIn();
      await expect(page.getByTestId('admin-shell')).toBeVisible();
      await context.clearCookies({ name: '__Host-thali_admin' });

      const logIn = { base, path: '/admin/login', id: actionId('logIn', 'app/admin/login/page') };
      for (let address = 0; address < 4; address++) {
        const from = uniqueLoopbackAddress();
        for (let i = 0; i < 5; i++) await callAction({ ...logIn, from, form: { email: admin.email, password: `wrong-${i}` }, formArgs: [{}] });
      }
      // The admin's own browser signs in, as always.
      await signIn();
      await expect(page.getByTestId('admin-shell')).toBeVisible();
    } finally {
      await context.close();
      await relay.close();
      await admin.remove();
    }
  });

  test('finding 5: actions posted to a path ending in .png are rate limited like any page; under /_next they are refused', async () => {
    const from = uniqueLoopbackAddress();
    const post = (path: string) => callAction({ ...otp(), path, from, form: { phone: 'x', intent: 'send' }, formArgs: [{ step: 'phone' }] });
    // Nothing under /_next/ takes a body (decision 038): a 413 from the front server, never served.
    for (const path of ['/_next/login', '/_next/static/login', '/_next/image']) expect((await post(path)).status, path).toBe(413);
    let refused = 0;
    // 700 in well under a minute, where the page budget is 600 a minute.
    for (let batch = 0; batch < 70; batch++) {
      const answers = await Promise.all(Array.from({ length: 10 }, () => post('/login.png')));
      refused += answers.filter((answer) => answer.status === 429).length;
    }
    expect(refused).toBeGreaterThanOrEqual(50);
  });

  test('review: a WebSocket upgrade is answered by the front server, never run through proxy.ts under an address the client names', async () => {
    const from = uniqueLoopbackAddress();
    // Next listens for upgrades once it has served a request.
    expect((await requestFrom(from, `${base}/login`)).status).toBe(200);
    for (const path of ['/login', '/delhi', '/api/cities', '/_next/hmr']) {
      // Before: Next ran proxy.ts on it (X-Forwarded-For believed, so counted under 203.0.113.7, never
      // refused) and closed the connection without an answer.
      const answer = await requestFrom(from, `${base}${path}`, {
        headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', 'x-forwarded-for': '203.0.113.7' },
      });
      expect(answer.status, path).toBe(400);
      expect(JSON.parse(answer.body), path).toEqual({ error: 'This server takes no WebSocket connections.' });
    }
  });

  test('finding 6: every page carries its security headers, and a same-site page cannot frame the admin', async ({ page, cspViolations }) => {
    const header = async (path: string) => (await requestFrom(uniqueLoopbackAddress(), `${base}${path}`)).headers;
    for (const path of ['/', '/bengaluru', '/login', '/admin/login', '/api/cities', '/no-such-page.png']) {
      const headers = await header(path);
      expect(headers['content-security-policy'], path).toMatch(/default-src/);
      expect(headers['x-frame-options'], path).toMatch(/^(DENY|SAMEORIGIN)$/);
      expect(headers['x-content-type-options'], path).toBe('nosniff');
      expect(headers['referrer-policy'], path).toBe('same-origin');
      expect(headers['permissions-policy'], path).toContain('camera=()');
    }
    expect((await header('/admin/login'))['content-security-policy']).toContain("frame-ancestors 'none'");
    expect((await header('/'))['content-security-policy']).not.toContain('nonce-');
    expect((await header('/login'))['content-security-policy']).toMatch(/'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);

    await signInAsAdmin(page);
    await page.goto(`${main}/no-such-page`);
    await page.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      document.body.append(frame);
    }, `${main}/admin`);
    await expect.poll(() => cspViolations.some((violation) => violation.includes('frame-ancestors'))).toBe(true);
    const framed = page.frames().find((frame) => frame.url().endsWith('/admin'));
    expect(framed ? await framed.locator('[data-testid="admin-shell"]').count() : 0).toBe(0);
    // Expected here: the browser refused the frame and said so.
    cspViolations.length = 0;
  });

  test('finding 8: made-up visitor ids do not count, and one address mints only its hourly share of new ones', async () => {
    const slug = ((await (await fetch(`${base}/api/cities/kolkata/restaurants`)).json()) as { slug: string }[])[0]!.slug;
    const from = uniqueLoopbackAddress();
    const agent = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36' };
    const answers = [];
    for (let i = 0; i < 110; i++) answers.push(await requestFrom(from, `${base}/api/restaurants/${slug}/views`, { method: 'POST', headers: agent }));
    expect(answers.filter((answer) => answer.status === 202).length).toBeLessThanOrEqual(30);
    const forged = await requestFrom(uniqueLoopbackAddress(), `${base}/api/restaurants/${slug}/views`, {
      method: 'POST',
      headers: { ...agent, cookie: `thali_vid=${'a'.repeat(22)}` },
    });
    expect(forged.status).toBe(204);
  });

  test('finding 9: routes that read no body refuse one before reading it; the server does not grow', async ({}, testInfo) => {
    const pid = serverPid(E2E_RATELIMIT_PORT);
    const before = residentMb(pid);
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    /** A 10 MB body, written a megabyte at a time until the server answers (a refusal comes before any of it is read). */
    const post = () =>
      new Promise<number | 'closed'>((resolve, reject) => {
        let answered = false;
        const request = http.request(`${base}/api/restaurants/some-place/views`, {
          method: 'POST',
          // As browsers do; on a connection the client asks to close, the refusal may arrive as a reset instead.
          headers: { 'content-length': 10 * chunk.length, connection: 'keep-alive' },
          localAddress: uniqueLoopbackAddress(),
          agent: false,
        });
        request.on('response', (response) => {
          answered = true;
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        // A server that closes without answering: neither 413 nor a read body (counted as a failure below).
        request.on('close', () => answered || resolve('closed'));
        request.on('error', (error: NodeJS.ErrnoException) => (['EPIPE', 'ECONNRESET'].includes(error.code ?? '') ? undefined : reject(error)));
        const write = async () => {
          for (let sent = 0; sent < 10 && !answered && !request.destroyed; sent++) {
            if (!request.write(chunk)) await new Promise((done) => request.once('drain', done).once('close', done));
          }
          if (!request.destroyed) request.end();
        };
        void write();
      });
    const statuses = await Promise.all(Array.from({ length: 30 }, post));
    const grewMb = residentMb(pid) - before;
    testInfo.annotations.push({ type: 'attack', description: JSON.stringify({ requests: 30, statuses: [...new Set(statuses)], grewMb: Math.round(grewMb) }) });
    expect(grewMb).toBeLessThan(64);
    expect(statuses.every((status) => status === 413), statuses.join(',')).toBe(true);
  });

  test('finding 10: two concurrent adds from different restaurants leave one restaurant in the cart', async () => {
    test.skip(!E2E_SHARED_BACKENDS, 'reads the cart from the e2e Redis (CI has it)');
    const from = uniqueLoopbackAddress();
    const cookie = await signedInCustomer(main, from);
    const session = /thali_customer=([^;]+)/.exec(cookie)![1]!;
    const [first, second] = ((await (await fetch(`${main}/api/cities/pune/restaurants`)).json()) as { slug: string; isOpen: boolean }[]).filter((place) => place.isOpen);
    const itemsOf = async (slug: string) =>
      ((await (await fetch(`${main}/api/restaurants/${slug}/menu`)).json()) as { categories: { items: { id: number; available: boolean }[] }[] }).categories
        .flatMap((category) => category.items)
        .filter((item) => item.available)
        .map((item) => item.id);
    const [a, b] = [await itemsOf(first!.slug), await itemsOf(second!.slug)];
    const add = (slug: string, item: number) =>
      callAction({ base: main, path: `/pune/${slug}`, id: actionId('addItem', 'app/[city]/[restaurant]/page'), from, args: [slug, item, false], headers: { cookie } });
    // This customer's cart, whatever version of its key (lib/cart/keys.ts: cart:v<n>:{c<customer id>}); the
    // customer id is in the session's cookie value (lib/auth/sessions.ts: c<customer id>.<random>).
    const customerId = Number(/^c(\d+)\./.exec(decodeURIComponent(session))?.[1]);
    expect(customerId).toBeGreaterThan(0);
    const pattern = `*cart:*{c${customerId}}`;
    const cartKeys = () =>
      withRedis(async (redis) => {
        const found: string[] = [];
        for await (const keys of redis.scanIterator({ MATCH: pattern, COUNT: 500 })) found.push(...keys);
        return found;
      });
    const cartOf = async () => {
      const [key] = await cartKeys();
      return key ? withRedis((redis) => redis.hGetAll(key)) : ({} as Record<string, string>);
    };
    for (let round = 0; round < 10; round++) {
      const stale = await cartKeys();
      if (stale.length > 0) await withRedis((redis) => redis.del(stale));
      await Promise.all([add(first!.slug, a[round % a.length]!), add(second!.slug, b[round % b.length]!)]);
      const cart = await cartOf();
      const ids = Object.keys(cart).filter((field) => field.startsWith('item:')).map((field) => Number(field.split(':').at(-1)));
      // One of the two adds took: an empty cart (both refused, or the key not found) would pass the check below.
      expect([first!.slug, second!.slug], JSON.stringify(cart)).toContain(cart.restaurant);
      expect(ids.length, JSON.stringify(cart)).toBeGreaterThan(0);
      const owner = cart.restaurant === first!.slug ? a : b;
      expect(ids.every((id) => owner.includes(id)), JSON.stringify(cart)).toBe(true);
    }
  });

  test('finding 11: an Origin that is not a URL is a 400, another site’s a 403, never a 500', async () => {
    for (const [origin, status] of [['not a url', 400], ['http://[', 400], ['null', 403], ['https://evil.example', 403]] as const) {
      const answer = await callAction({ ...otp(), from: uniqueLoopbackAddress(), form: { phone: 'x', intent: 'send' }, formArgs: [{ step: 'phone' }], headers: { Origin: origin } });
      expect(answer.status, origin).toBe(status);
    }
    const malformed = await callAction({ ...otp(), id: '../../etc/passwd', from: uniqueLoopbackAddress(), args: [] });
    expect(malformed.status).toBe(400);
  });

  test('findings 12 and 13: an invisible name and a price past the maximum are refused, and nothing is saved', async ({ page }) => {
    await signInAsAdmin(page);
    const [place] = (await (await page.request.get('/api/cities/mumbai/restaurants')).json()) as { slug: string }[];
    const menu = (await (await page.request.get(`/api/restaurants/${place!.slug}/menu`)).json()) as { categories: { items: { id: number; name: string; pricePaise: number }[] }[] };
    const item = menu.categories[0]!.items[0]!;
    await page.goto(`/admin/restaurants/${place!.slug}/items/${item.id}`);
    await page.getByLabel('Name').first().fill('\u200B');
    await page.getByLabel('Price (₹)').fill('999999');
    await page.getByRole('button', { name: 'Save item' }).click();
    await expect(page.getByTestId('item-result')).toHaveAttribute('data-status', 'invalid');
    const fieldError = (field: string) => page.locator(`[data-testid^="error-"][data-testid$="-${field}"]`);
    await expect(fieldError('name')).toContainText('visible character');
    await expect(fieldError('price')).toContainText('at most ₹1,00,000');
    const after = (await (await page.request.get(`/api/restaurants/${place!.slug}/menu`)).json()) as typeof menu;
    expect(after.categories[0]!.items[0]).toMatchObject({ id: item.id, name: item.name, pricePaise: item.pricePaise });
  });

  test('finding 14: disabling an admin ends their live sessions on every instance at once', async ({ page, browser }) => {
    test.skip(!E2E_SHARED_BACKENDS, 'needs an admin of its own in the real e2e Postgres (CI has it)');
    const admin = await createTemporaryAdmin();
    const theirs = await browser.newContext();
    try {
      const their = await theirs.newPage();
      await signInAsAdmin(their, undefined, admin);
      await their.goto(`http://127.0.0.1:${E2E_SECOND_PORT}/admin`);
      await expect(their.getByTestId('admin-shell')).toBeVisible();

      await signInAsAdmin(page, '/admin/team');
      const row = page.getByTestId('team-member').filter({ hasText: admin.email });
      await row.getByRole('button', { name: `Disable ${admin.name}` }).click();
      await row.getByRole('button', { name: 'Yes, disable' }).click();
      await expect(row.getByTestId('member-status')).toHaveText('Disabled');

      for (const server of [main, `http://127.0.0.1:${E2E_SECOND_PORT}`]) {
        await their.goto(`${server}/admin`);
        await expect(their, server).toHaveURL(/\/admin\/login/);
      }
    } finally {
      await theirs.close();
      await admin.remove();
    }
  });
});
