import { createHash } from 'node:crypto';

import { expect, type Page } from '@playwright/test';

import { deleteKeys, withPostgres } from './backends';

export { uniquePhone } from './scripted-sign-in';

/** As the app stores and keys it (lib/customers/phone.ts): 91 and the ten digits. */
export const normalizedPhone = (phone: string) => `91${phone}`;

/** As /account shows it (lib/customers/phone.ts's formatPhone). */
export const shownPhone = (phone: string) => `+91 ${phone.slice(0, 5)} ${phone.slice(5)}`;

/** The newest sign-in code texted to `phone`, read from the demo outbox in another tab of the same browser. */
export async function codeFromOutbox(page: Page, phone: string, base = ''): Promise<string> {
  const outbox = await page.context().newPage();
  try {
    let code = '';
    await expect(async () => {
      await outbox.goto(`${base}/dev/outbox`);
      const message = outbox.locator(`[data-testid="outbox-message"][data-to="${phone.slice(-4)}"]`).filter({ hasText: /sign-in code/ }).first();
      const text = (await message.textContent({ timeout: 1_000 })) ?? '';
      const match = /(\d{6}) is your Thali sign-in code/.exec(text);
      expect(match).not.toBeNull();
      code = match![1]!;
    }).toPass({ timeout: 10_000 });
    return code;
  } finally {
    await outbox.close();
  }
}

/**
 * Signs in through /login and submits the code; the app then goes to `next`. `base` is the server
 * to sign in on and `outboxBase` the one whose outbox is read (both the default server when empty).
 */
export async function signInWithCode(
  page: Page,
  phone: string,
  next: string,
  { base = '', outboxBase = base }: { base?: string; outboxBase?: string } = {},
): Promise<void> {
  await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Mobile number').fill(phone);
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByLabel('Code')).toBeVisible();
  await page.getByLabel('Code').fill(await codeFromOutbox(page, phone, outboxBase));
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
}

/**
 * Removes what signing `phone` in left behind: the customer row (its orders go with it) and its
 * codes, cooldowns and per-number rate-limit keys. Real services only. Outbox messages stay: the
 * outbox is a shared demo list that expires on its own.
 */
export async function forgetCustomer(phone: string): Promise<void> {
  const normalized = normalizedPhone(phone);
  await withPostgres((sql) => sql`delete from customers where phone = ${normalized}`);
  await deleteKeys(`otp:{${normalized}}*`);
  // lib/cache/keys.ts's rateLimitSubject: a number is keyed by a digest, never in clear.
  const digest = createHash('sha256').update(normalized).digest('base64url').slice(0, 22);
  await deleteKeys(`rl:otp:phone:*:{${digest}}*`);
}

/** Fills checkout's new-address form (Home, 12 MG Road, Bengaluru) with `pin` and saves it. */
export async function saveCheckoutAddress(page: Page, pin = '560001'): Promise<void> {
  await page.getByLabel('Label (Home, Work…)').fill('Home');
  await page.getByLabel('House and street').fill('12 MG Road');
  await page.getByLabel('City').fill('Bengaluru');
  await page.getByLabel('PIN code').fill(pin);
  await page.getByRole('button', { name: 'Save address' }).click();
}

/** From the signed-in customer's menu page: one dish, a new address, Place order; answers the order's path. */
export async function orderOneDish(page: Page, base: string): Promise<string> {
  await page.getByRole('button', { name: /^ADD/ }).first().click();
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  // By address, not the cart's link: on a phone the cart is a bar whose link reads differently.
  await page.goto(`${base}/checkout`);
  await saveCheckoutAddress(page);
  await expect(page.getByRole('radio', { name: /Home: 12 MG Road/ })).toBeChecked();
  await page.getByRole('button', { name: /^Place order/ }).click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{22}$/, { timeout: 15_000 });
  return new URL(page.url()).pathname;
}

/** Opens Bengaluru's first open restaurant on `base` (a server's origin, or '' for the default one); answers its menu's path. */
export async function openMenuPath(page: Page, base: string): Promise<string> {
  await page.goto(`${base}/bengaluru`);
  await page.locator('[data-testid="restaurant-card"][data-open="true"]').first().getByRole('link').first().click();
  await expect(page).toHaveURL(/\/bengaluru\/[a-z0-9-]+$/);
  return new URL(page.url()).pathname;
}
