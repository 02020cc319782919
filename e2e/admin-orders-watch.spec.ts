import { signInAsAdmin } from './support/admin';
import { expectNoSeriousA11yViolations } from './support/axe';
import { E2E_ADMIN } from './support/config';
import { uniquePhone } from './support/customer';
import { expect, test } from './support/test';
import { placeOrderThroughTwilio, TWILIO_BASE } from './support/twilio';

/**
 * A restaurant's admin page, left open, says when its orders change (docs/admin.md): a step made in
 * another tab, then a new order, each shown as a notice with "Show them", which renders the list again.
 * The customer's /account, left open, follows the step too (docs/customers.md).
 * On a phone, and on the twilio server, where the simulated kitchen waits two minutes per step, so
 * nothing moves but the admin and the customer.
 */
const slow = TWILIO_BASE;

test('an open admin page says an order moved on in another tab and a new one came in, and shows them', async ({ page, browser }) => {
  test.setTimeout(150_000);
  const { slug, orderId } = await placeOrderThroughTwilio(page, uniquePhone());
  const short = orderId.slice(0, 8);

  const adminContext = await browser.newContext({ viewport: { width: 375, height: 812 } });
  try {
    const watching = await adminContext.newPage();
    const adminPath = `/admin/restaurants/${slug}`;
    await signInAsAdmin(watching, adminPath, E2E_ADMIN, slow);
    const rows = watching.getByTestId('restaurant-order');
    const row = rows.filter({ hasText: `#${short}` });
    await expect(row).toHaveAttribute('data-status', 'placed');
    const listed = await rows.count();
    const notice = watching.getByTestId('orders-change');
    await expect(notice).toBeEmpty();

    // The customer watches /account meanwhile: its active order's status follows.
    await page.goto(`${slow}/account`);
    await expect(page.getByTestId('active-orders').getByTestId('account-order-status')).toHaveText('Placed');

    // Another tab accepts it: the open page says so within a poll, and shows it on request.
    const other = await adminContext.newPage();
    await other.goto(`${slow}${adminPath}`);
    await other.getByTestId('restaurant-order').filter({ hasText: `#${short}` }).getByRole('button', { name: `Accept: order #${short}` }).click();
    await expect(other.getByTestId('restaurant-order').filter({ hasText: `#${short}` })).toHaveAttribute('data-status', 'accepted');
    await expect(notice).toHaveText(/^1 order moved on or was cancelled/, { timeout: 25_000 });
    await expect(row).toHaveAttribute('data-status', 'placed');
    await expectNoSeriousA11yViolations(watching, 'admin orders with a change notice, on a phone');
    await notice.getByRole('button', { name: 'Show them' }).click();
    await expect(row).toHaveAttribute('data-status', 'accepted');
    await expect(page.getByTestId('active-orders').getByTestId('account-order-status')).toHaveText('Accepted', { timeout: 15_000 });
    await expect(notice).toBeEmpty();

    // The customer orders again: the open page says a new order came in.
    await page.goto(`${slow}/bengaluru/${slug}`);
    await page.getByRole('button', { name: /^ADD/ }).first().click();
    await expect(page.getByTestId('cart-line')).toHaveCount(1);
    await page.goto(`${slow}/checkout`);
    await expect(page.getByRole('radio', { name: /Home: 12 MG Road/ })).toBeChecked();
    await page.getByRole('button', { name: /^Place order/ }).click();
    await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{22}$/, { timeout: 15_000 });
    await expect(notice).toHaveText(/^1 new order/, { timeout: 25_000 });
    await notice.getByRole('button', { name: 'Show them' }).click();
    await expect(rows).toHaveCount(Math.min(listed + 1, 30));
    await expect(notice).toBeEmpty();

    // The admin's own step on this page, after an ask: the list shows it, and the notice stays empty.
    // Review of 071: the answer of the ask before the step announced it as "1 order moved on…".
    // The new order, whose two minutes before the kitchen's first step have just begun.
    const newShort = page.url().split('/').at(-1)!.slice(0, 8);
    const newRow = rows.filter({ hasText: `#${newShort}` });
    await watching.waitForResponse((response) => response.url().endsWith(`/api/admin/restaurants/${slug}/orders`), { timeout: 25_000 });
    await newRow.getByRole('button', { name: `Accept: order #${newShort}` }).click();
    await expect(newRow).toHaveAttribute('data-status', 'accepted');
    expect(await notice.textContent()).toBe('');
  } finally {
    await adminContext.close();
  }
});
