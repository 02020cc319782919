import { expect, test } from './support/test';

import { codeFromOutbox, saveCheckoutAddress, signInWithCode, uniquePhone } from './support/customer';

/**
 * A customer's whole order: sign in with the code from the demo outbox, add two items, check out
 * with a new address (double-clicking "Place order"), watch the status reach delivered with each step's time (ORDER_STEP_DELAY_MS=1000
 * on the e2e server), find a text per status, and exactly one order in /account. A fresh number per
 * run, so earlier runs never count.
 */
test.describe('ordering as a customer', () => {
  test('sign in, add two items, check out once on a double click, watch it reach delivered', async ({ page, browser }) => {
    test.setTimeout(60_000);
    const phone = uniquePhone();

    await page.goto('/bengaluru');
    const open = page.locator('[data-testid="restaurant-card"][data-open="true"]').first();
    await open.getByRole('link').first().click();
    await expect(page).toHaveURL(/\/bengaluru\/[a-z0-9-]+$/);
    const menuPath = new URL(page.url()).pathname;

    await signInWithCode(page, phone, menuPath);
    await expect(page).toHaveURL(new RegExp(`${menuPath}$`));

    const add = page.getByRole('button', { name: /^ADD/ });
    await add.nth(0).click();
    await expect(page.getByTestId('cart-line')).toHaveCount(1);
    await add.nth(1).click();
    await expect(page.getByTestId('cart-line')).toHaveCount(2);

    await page.getByRole('link', { name: 'Check out' }).click();
    await expect(page).toHaveURL(/\/checkout$/);
    await saveCheckoutAddress(page);
    await expect(page.getByRole('radio', { name: /Home: 12 MG Road/ })).toBeChecked();
    await page.getByRole('button', { name: /^Place order/ }).dblclick();
    await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{22}$/, { timeout: 15_000 });
    const orderPath = new URL(page.url()).pathname;
    await expect(page.getByTestId('order-item')).toHaveCount(2);
    await expect(page.getByTestId('bill-total')).toContainText('₹');

    // Back lands on checkout, its cart now empty: it points to the order just placed.
    await page.goBack();
    await expect(page).toHaveURL(/\/checkout$/);
    const track = page.getByTestId('order-to-track');
    await expect(track).toContainText(/Your order from .+ (is placed|is accepted|is being prepared|is on its way|was delivered)\./);
    await track.getByRole('link', { name: /^(Track it|View order)$/ }).click();
    await expect(page).toHaveURL(new RegExp(`${orderPath}$`));

    // Four steps a second apart, the page polling every 2 s.
    await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'delivered', { timeout: 30_000 });
    await expect(page.getByTestId('order-status')).toHaveText('Delivered');
    // Each step with the time it was reached.
    await expect(page.getByTestId('order-step-time')).toHaveCount(5);

    // A text for each status reached the outbox, once.
    await page.goto('/dev/outbox');
    const texts = page.locator(`[data-testid="outbox-message"][data-to="${phone.slice(-4)}"]`);
    await expect(texts.filter({ hasText: /Thali: order #.{8} placed, ₹/ })).toHaveCount(1);
    await expect(texts.filter({ hasText: /Thali: order #.{8} delivered\./ })).toHaveCount(1, { timeout: 10_000 });

    // One order, however many submits the double click made.
    await page.goto('/account');
    await expect(page.getByTestId('account-order')).toHaveCount(1);
    await expect(page.getByTestId('account-order').getByRole('link')).toHaveAttribute('href', orderPath);
    await expect(page.getByTestId('account-order-status')).toHaveText('Delivered');

    // Its owner's only: signed out goes to login, another customer gets the 404 of a missing order.
    const other = await browser.newContext();
    try {
      const stranger = await other.newPage();
      const response = await stranger.goto(orderPath);
      expect(response?.url()).toContain(`/login?next=${encodeURIComponent(orderPath)}`);
      await signInWithCode(stranger, uniquePhone(), '/account');
      await expect(stranger).toHaveURL(/\/account$/);
      expect((await stranger.goto(orderPath))?.status()).toBe(404);
      await expect(stranger.getByTestId('order-status')).toHaveCount(0);
    } finally {
      await other.close();
    }
  });

  test('after a code is sent, "Resend" counts down disabled, and a wrong code neither stops the count nor a wait marks the field', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Mobile number').fill(uniquePhone());
    await page.getByRole('button', { name: 'Send code' }).click();
    const resend = page.getByTestId('otp-resend');
    await expect(resend).toBeDisabled();
    await expect(resend).toHaveText(/^Resend in \d+ s$/);
    const first = Number(/\d+/.exec((await resend.textContent()) ?? '')![0]);
    await expect(resend).not.toHaveText(`Resend in ${first} s`);
    await expect(page.getByLabel('Code')).not.toHaveAttribute('aria-invalid', 'true');

    await page.getByLabel('Code').fill('000000');
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await expect(page.getByTestId('otp-error')).toContainText('not right');
    await expect(page.getByLabel('Code')).toHaveAttribute('aria-invalid', 'true');
    await expect(resend).toBeDisabled();
    await expect(resend).toHaveText(/^Resend in \d+ s$/);
  });
});

// Product review: the header's Cart link (/checkout) sent a visitor with nothing in a cart to the
// sign-in page, as if signing in were needed to learn the cart is empty.
test('signed out with no cart, the Cart link says the cart is empty rather than asking to sign in', async ({ page }) => {
  await page.goto('/bengaluru');
  await page.getByRole('banner').getByRole('link', { name: 'Cart' }).click();
  await expect(page.getByRole('heading', { name: 'Your cart is empty' })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/checkout');
  // A cart kept on the customer's account (another device) is one sign-in away.
  await expect(page.getByRole('link', { name: /Sign in/ })).toHaveAttribute('href', '/login?next=%2Fcheckout');
});

// Product review: a signed-out guest with a cart could not see it from the header: Cart (/checkout)
// went to the sign-in page. Now checkout shows the guest cart and its bill, − / + work there, and
// signing in is asked only to place the order, returning to checkout with the same cart.
test('signed out with a cart, the Cart link shows the cart and bill; sign-in returns to checkout with it', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('/bengaluru');
  const menu = (await page.locator('[data-testid="restaurant-card"][data-open="true"] h2 a').first().getAttribute('href'))!;
  await page.goto(menu);
  const dish = page.locator('[data-testid="menu-item"][data-available="true"]').first();
  const dishName = (await dish.getByRole('heading').textContent())!.trim();
  await dish.getByRole('button', { name: /^ADD/ }).click();
  await expect(page.getByTestId('cart-line').first()).toBeAttached();

  await page.getByRole('banner').getByRole('link', { name: 'Cart' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/checkout');
  const line = page.getByTestId('cart-line');
  await expect(line).toHaveCount(1);
  await expect(line).toContainText(dishName);
  await expect(line.getByTestId('stepper-quantity')).toHaveText(/^1 /);
  const bill = page.getByTestId('checkout-bill');
  for (const part of ['bill-items', 'bill-delivery', 'bill-gst', 'bill-total']) await expect(bill.getByTestId(part)).toContainText('₹');
  const totalForOne = (await bill.getByTestId('bill-total').textContent())!.trim();
  await expect(page.getByRole('link', { name: new RegExp(`Back to the menu`) })).toHaveAttribute('href', menu);

  // − / + as on the menu: the bill follows (the page renders again from the guest cart).
  await line.getByRole('button', { name: `Add one more ${dishName}` }).click();
  await expect(line.getByTestId('stepper-quantity')).toHaveText(/^2 /);
  await expect(bill.getByTestId('bill-total')).not.toHaveText(totalForOne);
  const totalForTwo = (await bill.getByTestId('bill-total').textContent())!.trim();

  // Sign-in is asked only to order, and comes back to checkout with the same cart.
  await page.getByRole('link', { name: 'Sign in to place your order' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/login' && url.search === '?next=%2Fcheckout');
  const phone = uniquePhone();
  await page.getByLabel('Mobile number').fill(phone);
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByLabel('Code').fill(await codeFromOutbox(page, phone));
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/checkout');
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await expect(page.getByTestId('cart-line')).toContainText(dishName);
  await expect(page.getByTestId('stepper-quantity')).toHaveText(/^2 /);
  await expect(page.getByTestId('checkout-bill').getByTestId('bill-total')).toHaveText(totalForTwo);
  await expect(page.getByRole('button', { name: /^Place order/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sign in to place your order' })).toHaveCount(0);
});

// Product review: checkout's new-address form started blank, so a customer ordering in Bengaluru typed
// the city the restaurant is in, and an address saved in another city was offered, preselected, as if
// the restaurant delivered there.
test('checkout starts a new address in the restaurant’s city and marks a saved one elsewhere', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('/bengaluru');
  const menu = (await page.locator('[data-testid="restaurant-card"][data-open="true"] h2 a').first().getAttribute('href'))!;
  await signInWithCode(page, uniquePhone(), menu);
  await expect(page).toHaveURL(new RegExp(`${menu}$`));
  await page.locator('[data-testid="menu-item"][data-available="true"]').first().getByRole('button', { name: /^ADD/ }).click();
  await expect(page.getByTestId('cart-line').first()).toBeAttached();
  await page.goto('/checkout');
  await expect(page.getByLabel('City')).toHaveValue('Bengaluru');

  await saveCheckoutAddress(page, '560001');
  await expect(page.getByTestId('address-outside')).toHaveCount(0);
  await page.getByText('Add another address').click();
  await page.getByLabel('Label (Home, Work…)').fill('Parents');
  await page.getByLabel('House and street').fill('4 Marine Drive');
  await page.getByLabel('City').fill('Mumbai');
  await page.getByLabel('PIN code').fill('400002');
  await page.getByRole('button', { name: 'Save address' }).click();
  const elsewhere = page.getByRole('radio', { name: /^Parents: 4 Marine Drive/ });
  await expect(elsewhere).toBeVisible();
  await expect(page.getByTestId('address-outside')).toHaveText(/^Not in Bengaluru, where .+ delivers$/);
  // The newest address in the city stays chosen, not the newest of all.
  await expect(page.getByRole('radio', { name: /^Home: 12 MG Road/ })).toBeChecked();
  await expect(elsewhere).not.toBeChecked();
});
