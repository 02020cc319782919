import { expect, test, type BrowserContext } from './support/test';

import { ADMIN_COOKIE, createTemporaryAdmin, signInAsAdmin } from './support/admin';
import { deleteKeys, forgetSession, sessionExists } from './support/backends';
import { E2E_PORT, E2E_SECOND_PORT, E2E_SHARED_BACKENDS } from './support/config';
import { forgetCustomer, normalizedPhone, shownPhone, signInWithCode, uniquePhone } from './support/customer';

/**
 * Sessions live in Redis, so any instance serves any signed-in request, and a sign-out on one is a
 * sign-out on all. Two real servers: A (E2E_PORT) reaches Redis over TCP, B (E2E_SECOND_PORT) over
 * Upstash REST through the bridge, so these also show the two drivers reading each other's keys.
 *
 * One browser context visits both: cookies are scoped by host, not port, so it carries one cookie
 * to both servers, as a browser does to every instance behind one load balancer. Signing out clears
 * that cookie for both at once, so what "the other instance treats the session as gone" means is
 * tested with the cookie as it was before the sign-out, put back: a copy a thief or a second tab
 * would still hold.
 */
const A = `http://127.0.0.1:${E2E_PORT}`;
const B = `http://127.0.0.1:${E2E_SECOND_PORT}`;
const CUSTOMER_COOKIE = '__Host-thali_customer';

async function cookieNamed(context: BrowserContext, name: string) {
  return (await context.cookies(A)).find((cookie) => cookie.name === name);
}

test.describe('sessions shared between two instances', () => {
  const reason = 'needs E2E_REDIS_URL and E2E_DATABASE_URL: the embedded backends live inside one server process, so no second instance is started';
  if (!E2E_SHARED_BACKENDS) console.log(`[shared-sessions] skipped: ${reason}`);
  test.skip(!E2E_SHARED_BACKENDS, reason);

  test('a customer signed in on A is signed in on B; signing out on B signs them out on A', async ({ page, context }) => {
    const phone = uniquePhone();
    let sessionId: string | undefined;
    try {
      // The code is sent by A and read from B's outbox: one list, written over TCP, read over REST.
      await signInWithCode(page, phone, '/account', { base: A, outboxBase: B });
      await expect(page).toHaveURL(`${A}/account`);
      await expect(page.getByTestId('account-phone')).toHaveText(shownPhone(phone));
      const cookie = (await cookieNamed(context, CUSTOMER_COOKIE))!;
      expect(cookie).toBeDefined();
      sessionId = cookie.value;
      expect(await sessionExists(sessionId)).toBe(true);
      // Sent to both servers: the ports don't separate cookies.
      expect((await context.cookies(B)).map((c) => c.name)).toContain(CUSTOMER_COOKIE);

      await page.goto(`${B}/account`);
      await expect(page).toHaveURL(`${B}/account`);
      await expect(page.getByTestId('account-phone')).toHaveText(shownPhone(phone));

      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await expect(page).toHaveURL(`${B}/`);
      expect(await cookieNamed(context, CUSTOMER_COOKIE)).toBeUndefined();
      expect(await sessionExists(sessionId)).toBe(false);

      await context.addCookies([cookie]);
      await page.goto(`${A}/account`);
      await expect(page).toHaveURL(`${A}/login?next=%2Faccount`);
      await expect(page.getByTestId('account-phone')).toHaveCount(0);
    } finally {
      if (sessionId) await forgetSession(sessionId);
      await forgetCustomer(phone);
    }
  });

  test('a customer signed in on two browsers, one on A and one on B, signs out of every device from B: both are out', async ({ page, context, browser }) => {
    const phone = uniquePhone();
    const laptop = await browser.newContext();
    try {
      const other = await laptop.newPage();
      await signInWithCode(other, phone, '/account', { base: A });
      await expect(other.getByTestId('account-phone')).toHaveText(shownPhone(phone));
      // The demo outbox shows a code for a number with an account only to a browser that signed in
      // with it, so the second browser carries the first one's device cookie (a browser whose session
      // was cleared keeps it). The 30 s between codes is not what this test is about: it asks at once.
      const device = (await laptop.cookies(A)).find((cookie) => cookie.name.endsWith('thali_device'))!;
      expect(device).toBeDefined();
      await context.addCookies([device]);
      await deleteKeys(`otp:{${normalizedPhone(phone)}}*`);
      await signInWithCode(page, phone, '/account', { base: B });
      await expect(page.getByTestId('account-phone')).toHaveText(shownPhone(phone));

      await page.getByRole('button', { name: 'Sign out of every device' }).click();
      await expect(page).toHaveURL(`${B}/login?signed-out=everywhere`);
      await expect(page.getByTestId('signed-out-notice')).toHaveText('You’re signed out on every device.');

      await other.goto(`${A}/account`);
      await expect(other).toHaveURL(`${A}/login?next=%2Faccount`);
      await page.goto(`${B}/account`);
      await expect(page).toHaveURL(`${B}/login?next=%2Faccount`);
    } finally {
      await laptop.close();
      await forgetCustomer(phone);
    }
  });

  test('an admin signed in on A is signed in on B; signing out on A signs them out on B', async ({ page, context }) => {
    // An account of this test's own: no other spec's session is touched by its sign-out.
    const admin = await createTemporaryAdmin();
    let sessionId: string | undefined;
    try {
      await page.goto(`${B}/admin`);
      await expect(page).toHaveURL(`${B}/admin/login`);

      await signInAsAdmin(page, undefined, admin);
      await expect(page).toHaveURL(`${A}/admin`);
      const cookie = (await cookieNamed(context, ADMIN_COOKIE))!;
      expect(cookie).toBeDefined();
      sessionId = cookie.value;
      expect(await sessionExists(sessionId)).toBe(true);

      await page.goto(`${B}/admin`);
      await expect(page).toHaveURL(`${B}/admin`);
      await expect(page.getByTestId('admin-shell')).toContainText(admin.email);

      await page.goto(`${A}/admin`);
      await page.getByTestId('admin-shell').getByRole('button', { name: 'Sign out' }).click();
      await expect(page).toHaveURL(`${A}/admin/login?notice=signed-out`);
      expect(await sessionExists(sessionId)).toBe(false);

      await context.addCookies([cookie]);
      await page.goto(`${B}/admin/restaurants`);
      await expect(page).toHaveURL(`${B}/admin/login?next=%2Fadmin%2Frestaurants`);
      await expect(page.getByTestId('admin-shell')).toHaveCount(0);
    } finally {
      if (sessionId) await forgetSession(sessionId);
      await admin.remove();
    }
  });
});
