import { expect, test } from './support/test';

import { forgetCustomer, openMenuPath, orderOneDish, signInWithCode, uniquePhone } from './support/customer';
import { E2E_SHARED_BACKENDS } from './support/config';

/**
 * Customer walk: /account polled only while it showed an order on its way, so an order placed in
 * another tab showed there only on the next visit. With none on its way it now asks when the visitor
 * comes back to the tab (shown again, focused), and asks nothing while it merely sits open.
 */
test('/account with no order on its way shows one placed in another tab when the visitor comes back to it', async ({ page, context }) => {
  test.setTimeout(60_000);
  const phone = uniquePhone();
  try {
    await signInWithCode(page, phone, '/account');
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByText('No orders yet.')).toBeVisible();

    const asks: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/orders/active') asks.push(request.url());
    });

    // Sitting open, the page asks nothing (no timer without an order on its way).
    await page.waitForTimeout(2_500);
    expect(asks).toEqual([]);

    const other = await context.newPage();
    await openMenuPath(other, '');
    const orderPath = await orderOneDish(other, '');
    await other.close();

    // Back to the tab: it asks at once, and the order is there, not only at the next visit.
    await expect(async () => {
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      await expect(page.locator(`a[href="${orderPath}"]`)).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 6_000 });
    expect(asks.length).toBeGreaterThan(0);
  } finally {
    if (E2E_SHARED_BACKENDS) await forgetCustomer(phone);
  }
});
