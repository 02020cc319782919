import { expect, test, type Locator, type Page } from './support/test';

import { signInAsAdmin } from './support/admin';
import { E2E_SHARED_BACKENDS } from './support/config';
import { codeFromOutbox, forgetCustomer, uniquePhone } from './support/customer';

/**
 * Favourites as a customer: signed out, the count and "Sign in to save", which comes back with the
 * restaurant saved (count up, kept across a reload, listed on /account, on the admin dashboard);
 * signed in, the heart unsaves.
 * Self-contained: its own phone number (forgotten afterwards on real services), a Kolkata restaurant
 * no other spec touches, and counts read relative to what the page showed first, so earlier runs on
 * the same database don't matter.
 */
const CITY = 'kolkata';

/** Clicks the heart and waits for the server action's answer, so a reload can't overtake the save. */
async function clickAndWaitForSave(page: Page, heart: Locator, menuPath: string): Promise<void> {
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === menuPath),
    heart.click(),
  ]);
}

test.describe('favourites', () => {
  const phone = uniquePhone();

  // The customer's deletion takes their favourites, and the counts follow (a trigger), even when the test failed half-way.
  test.afterAll(async () => {
    if (E2E_SHARED_BACKENDS) await forgetCustomer(phone);
  });

  test('signed out sees the count; signed in saves, reloads, finds it on /account, and removes it', async ({ page, browser }) => {
    test.setTimeout(90_000);

    await page.goto(`/${CITY}`);
    await page.getByTestId('restaurant-card').nth(4).getByRole('link').first().click();
    await expect(page).toHaveURL(new RegExp(`/${CITY}/[a-z0-9-]+$`));
    const menuPath = new URL(page.url()).pathname;
    const name = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();

    // Signed out: the count, no toggle, and a sign-in link that returns to this page.
    const count = page.getByTestId('favourite-count');
    await expect(count).toHaveAttribute('data-count', /^\d+$/);
    const before = Number(await count.getAttribute('data-count'));
    await expect(page.getByTestId('favourite-toggle')).toHaveCount(0);
    const signIn = page.getByRole('link', { name: 'Sign in to save' });
    await expect(signIn).toHaveAttribute('href', `/login?next=${encodeURIComponent(menuPath)}&save=1`);

    // The sign-in page says what signing in will do; the save itself is the sign-in's (a POST).
    await signIn.click();
    await expect(page).toHaveURL(/\/login\?next=/);
    await expect(page.getByTestId('sign-in-reason')).toContainText(`Sign in to save ${name} to your favourites.`);
    await page.getByLabel('Mobile number').fill(phone);
    await page.getByRole('button', { name: 'Send code' }).click();
    await expect(page.getByLabel('Code')).toBeVisible();
    await page.getByLabel('Code').fill(await codeFromOutbox(page, phone));
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await expect(page).toHaveURL(new RegExp(`${menuPath}$`));

    // Signed in: a toggle button named after the restaurant, already saved by the sign-in (no second tap).
    const heart = page.getByTestId('favourite-toggle');
    await expect(heart).toHaveAccessibleName(`Favourite ${name}`);
    await expect(heart).toHaveAttribute('aria-pressed', 'true');
    await expect(count).toHaveAttribute('data-count', String(before + 1));
    await page.reload();
    await expect(heart).toHaveAttribute('aria-pressed', 'true');
    await expect(count).toHaveAttribute('data-count', String(before + 1));

    await page.goto('/account');
    await expect(page.getByRole('heading', { name: 'Your favourites' })).toBeVisible();
    await expect(page.getByTestId('account-favourite')).toHaveCount(1);
    await expect(page.getByTestId('account-favourite').getByRole('link')).toHaveAttribute('href', menuPath);
    await expect(page.getByTestId('account-favourite')).toContainText(name);

    // The admin dashboard's favourites tile counts it (whether it makes the top ten depends on earlier runs).
    const admin = await browser.newContext();
    try {
      const adminPage = await admin.newPage();
      await signInAsAdmin(adminPage, '/admin');
      await adminPage.goto('/admin');
      const total = Number((await adminPage.getByTestId('favourites-total').textContent())!.replace(/\D/g, ''));
      expect(total).toBeGreaterThanOrEqual(1);
    } finally {
      await admin.close();
    }

    await page.getByTestId('account-favourite').getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`${menuPath}$`));
    await clickAndWaitForSave(page, heart, menuPath);
    await expect(heart).toHaveAttribute('aria-pressed', 'false');
    await expect(count).toHaveAttribute('data-count', String(before));
    await page.reload();
    await expect(heart).toHaveAttribute('aria-pressed', 'false');
    await expect(count).toHaveAttribute('data-count', String(before));

    await page.goto('/account');
    await expect(page.getByTestId('account-favourite')).toHaveCount(0);
    await expect(page.getByTestId('favourites-empty')).toBeVisible();

    // A link can't save for a signed-in customer: /login with the intent, followed while signed in,
    // only returns to the menu.
    await page.goto(`/login?next=${encodeURIComponent(menuPath)}&save=1`);
    await expect(page).toHaveURL(new RegExp(`${menuPath}$`));
    await expect(heart).toHaveAttribute('aria-pressed', 'false');
    await expect(count).toHaveAttribute('data-count', String(before));
  });
});
