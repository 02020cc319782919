import { expect, test, type Page } from './support/test';

import { signInAsAdmin } from './support/admin';
import { signInWithCode, uniquePhone } from './support/customer';

/**
 * The e2e servers run with SMS_SENDER=outbox, so every public page carries the demo-mode strip
 * (app/layout.tsx). Bengaluru's pages: no other spec expects them to start as a cache MISS.
 */
const strip = (page: Page) => page.getByRole('region', { name: 'Demo mode' });
const notices = (page: Page) => page.getByText(/^Demo mode:/);

test.describe('the demo-mode banner', () => {
  test('every public page shows it once, linking to the outbox', async ({ page }) => {
    const restaurants = (await (await page.request.get('/api/cities/bengaluru/restaurants')).json()) as { slug: string }[];
    for (const path of ['/', '/bengaluru', `/bengaluru/${restaurants.at(-1)!.slug}`, '/no/such/page']) {
      await page.goto(path);
      await expect(strip(page), path).toBeVisible();
      await expect(strip(page), path).toContainText('Demo mode: sign-in codes and order texts appear in the outbox, not on your phone.');
      await expect(notices(page), path).toHaveCount(1);
      await expect(strip(page).getByRole('link', { name: 'outbox' })).toHaveAttribute('href', '/dev/outbox');
    }

    // It leads to the outbox, which explains demo mode in place: still one notice, not two.
    await page.goto('/');
    await strip(page).getByRole('link', { name: 'outbox' }).click();
    await expect(page).toHaveURL(/\/dev\/outbox$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Demo outbox' })).toBeVisible();
    await expect(page.getByTestId('demo-banner')).toBeVisible();
    await expect(strip(page)).toHaveCount(0);
    await expect(notices(page)).toHaveCount(1);
  });

  test('the sign-in page shows its own notice by the form, and not the strip as well', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByTestId('demo-banner')).toBeVisible();
    await expect(strip(page)).toHaveCount(0);
    await expect(notices(page)).toHaveCount(1);
    // The outbox opens beside it, so the form keeps its code step.
    await expect(page.getByTestId('demo-banner').getByRole('link', { name: 'outbox (opens in a new tab)' })).toHaveAttribute('target', '_blank');
  });

  test('the admin console has none', async ({ page }) => {
    await page.goto('/admin/login');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(notices(page)).toHaveCount(0);
    await signInAsAdmin(page);
    await expect(page).toHaveURL(/\/admin$/);
    await expect(notices(page)).toHaveCount(0);
  });

  // Customer walk: the outbox redrew each time in the browser's own zone, so a visitor abroad read a
  // time hours off the order page's ("Placed 7:42 pm", India, as every time the app shows).
  test('the outbox shows when each text was sent in India, as the order pages do, and how long ago, in a browser abroad too', async ({ browser }) => {
    const context = await browser.newContext({ timezoneId: 'America/New_York', locale: 'en-US' });
    try {
      const page = await context.newPage();
      const phone = uniquePhone();
      await page.goto('/login');
      await page.getByLabel('Mobile number').fill(phone);
      await page.getByRole('button', { name: 'Send code' }).click();
      await expect(page.getByLabel('Code')).toBeVisible();
      await page.goto('/dev/outbox');
      const sent = page.locator(`[data-testid="outbox-message"][data-to="${phone.slice(-4)}"] time`).first();
      await expect(sent).toHaveAttribute('data-local', '');
      const iso = (await sent.getAttribute('datetime'))!;
      const india = new Intl.DateTimeFormat('en-IN', { timeZone: 'Asia/Kolkata', hour: 'numeric', minute: '2-digit', second: '2-digit' }).format(new Date(iso));
      await expect(sent).toHaveText(new RegExp(`^${india} IST · (just now|1 min ago)$`));
    } finally {
      await context.close();
    }
  });

  // Customer walkthrough: signing in again from a second browser said "We sent a 6-digit code" and
  // the outbox showed nothing, for ever, without a word on why (decision 011: it stands in for the
  // owner's phone). The note says so, and what to do, without showing the code.
  test('a code for a number signed in from another browser is not shown, and the outbox says why', async ({ browser }) => {
    const phone = uniquePhone();
    const first = await browser.newContext();
    const second = await browser.newContext();
    try {
      const owner = await first.newPage();
      await signInWithCode(owner, phone, '/account');
      await expect(owner).toHaveURL(/\/account$/);

      const page = await second.newPage();
      await page.goto('/login');
      await page.getByLabel('Mobile number').fill(phone);
      await page.getByRole('button', { name: 'Send code' }).click();
      await expect(page.getByLabel('Code')).toBeVisible();
      await page.goto('/dev/outbox');
      await expect(page.getByTestId('outbox-scope')).toContainText(
        'A number that already has an account shows its codes only in a browser that signed in with it before',
      );
      await expect(page.getByTestId('outbox-scope')).toContainText('sign in with another number');
      await expect(page.locator(`[data-testid="outbox-message"][data-to="${phone.slice(-4)}"]`)).toHaveCount(0);
    } finally {
      await first.close();
      await second.close();
    }
  });
});
