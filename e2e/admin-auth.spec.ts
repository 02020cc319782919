import { createHash } from 'node:crypto';

import { expect, test, type BrowserContext } from './support/test';
import { createClient } from 'redis';

import { ADMIN_COOKIE, signInAsAdmin } from './support/admin';
import { E2E_ADMIN, E2E_KEY_PREFIX, E2E_REDIS_URL } from './support/config';

/** Session keys on the e2e server's Redis; null when it uses the in-process store (not reachable from here). */
async function sessionKeys(): Promise<string[] | null> {
  if (!E2E_REDIS_URL) return null;
  const redis = createClient({ url: E2E_REDIS_URL });
  await redis.connect();
  try {
    const found: string[] = [];
    for await (const batch of redis.scanIterator({ MATCH: `${E2E_KEY_PREFIX}session:*`, COUNT: 500 })) found.push(...batch);
    return found.sort();
  } finally {
    await redis.quit();
  }
}

const keyFor = (id: string) => `${E2E_KEY_PREFIX}session:${createHash('sha256').update(id).digest('hex')}`;
const sessionCookie = async (context: BrowserContext) => (await context.cookies()).find((c) => c.name === ADMIN_COOKIE);

test.describe('admin sign-in', () => {
  test('a wrong password shows an error and creates no session', async ({ page, context }) => {
    const before = await sessionKeys();
    await page.goto('/admin/login');
    await page.getByLabel('Email').fill(E2E_ADMIN.email);
    await page.getByLabel('Password').fill('not-the-right-password');
    await page.getByLabel('Password').press('Enter');

    await expect(page.getByTestId('login-error')).toHaveText('Email or password is incorrect.');
    await expect(page.getByTestId('login-error')).toHaveAttribute('role', 'alert');
    await expect(page).toHaveURL(/\/admin\/login$/);
    // The email stays typed, the password does not.
    await expect(page.getByLabel('Email')).toHaveValue(E2E_ADMIN.email);
    await expect(page.getByLabel('Password')).toHaveValue('');
    expect(await sessionCookie(context)).toBeUndefined();
    if (before) expect(await sessionKeys()).toEqual(before);
  });

  // Customer walkthrough: the page said "Customers don't need an account", though customers sign in
  // (with a texted code) to order; one who landed here was told their account did not exist.
  test('sends a customer who landed here to the customer sign-in', async ({ page }) => {
    await page.goto('/admin/login');
    await expect(page.getByText("Customers don't need an account")).toHaveCount(0);
    await page.getByRole('link', { name: 'Sign in with your mobile number' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByLabel('Mobile number')).toBeVisible();
  });

  test('an unknown email gets the very same answer', async ({ page }) => {
    await page.goto('/admin/login');
    await page.getByLabel('Email').fill('nobody@thali.test');
    await page.getByLabel('Password').fill(E2E_ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('login-error')).toHaveText('Email or password is incorrect.');
  });

  test('the right password opens the console; signing out ends the session everywhere', async ({ page, context }) => {
    await page.goto('/admin/login');
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
    await signInAsAdmin(page);

    await expect(page).toHaveURL(/\/admin$/);
    const shell = page.getByTestId('admin-shell');
    await expect(shell.getByText('Thali admin')).toBeVisible();
    await expect(shell.getByText(E2E_ADMIN.email)).toBeVisible();
    await expect(shell.getByRole('link', { name: 'Dashboard' })).toHaveAttribute('aria-current', 'page');
    await expect(shell.getByRole('link', { name: 'Restaurants' })).not.toHaveAttribute('aria-current', 'page');
    await expect(shell.getByRole('link', { name: 'Cache' })).toHaveAttribute('href', '/admin/cache');

    const cookie = (await sessionCookie(context))!;
    expect(cookie).toMatchObject({ name: ADMIN_COOKIE, httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    // The admin's id, then 256 random bits (lib/auth/sessions.ts).
    expect(cookie.value).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(cookie.value.split('.')[1]!, 'base64url')).toHaveLength(32);
    const keys = await sessionKeys();
    if (keys) {
      expect(keys).toContain(keyFor(cookie.value));
      for (const key of keys) expect(key).not.toContain(cookie.value);
    }

    await shell.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/admin\/login/);
    await expect(page.getByRole('status')).toHaveText('You have signed out.');
    expect(await sessionCookie(context)).toBeUndefined();
    if (keys) expect(await sessionKeys()).not.toContain(keyFor(cookie.value));

    await page.goto('/admin');
    await expect(page).toHaveURL(/\/admin\/login/);

    // The old cookie, replayed (as a copy taken before sign-out would be), opens nothing.
    await context.addCookies([{ ...cookie }]);
    await page.goto('/admin/restaurants');
    await expect(page).toHaveURL(/\/admin\/login\?next=%2Fadmin%2Frestaurants$/);
  });

  test('an unauthenticated request to an admin page is redirected to the login page', async ({ page, request }) => {
    const response = await request.get('/admin/restaurants', { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    expect(response.headers()['location']).toBe('/admin/login?next=%2Fadmin%2Frestaurants');

    await page.goto('/admin/cache');
    await expect(page).toHaveURL(/\/admin\/login\?next=%2Fadmin%2Fcache$/);
    await expect(page.getByTestId('admin-shell')).toHaveCount(0);
  });

  test('after sign-in the admin returns to the page asked for, and never to another site', async ({ page }) => {
    await page.goto('/admin/cache');
    await page.getByLabel('Email').fill(E2E_ADMIN.email);
    await page.getByLabel('Password').fill(E2E_ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/admin\/cache$/);

    await page.context().clearCookies();
    await signInAsAdmin(page, '//evil.example/admin');
    await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/admin$/);
  });
});
