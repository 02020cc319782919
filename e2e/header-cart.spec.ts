import { expectNoSeriousA11yViolations } from './support/axe';
import { saveCheckoutAddress, signInWithCode, uniquePhone } from './support/customer';
import { expect, test, type Page } from './support/test';

/**
 * The header's Cart link says how many dishes the cart holds (customer walk: it said "Cart" whatever
 * the cart held, so a guest who left a menu page lost sight of their cart). Pages are shared by every
 * visitor (docs/decisions/046): the count arrives after load, from the menu page's own visitor request
 * or checkout's render, and on other pages from GET /api/cart/count, which a first visit never asks.
 */

const CITY = 'bengaluru';
const COUNT_ROUTE = '/api/cart/count';

function countRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === COUNT_ROUTE) seen.push(page.url());
  });
  return seen;
}

async function openRestaurants(page: Page): Promise<string[]> {
  await page.goto(`/${CITY}`);
  const links = page.locator('[data-testid="restaurant-card"][data-open="true"] h2 a');
  const hrefs = await links.evaluateAll((anchors) => anchors.slice(0, 2).map((anchor) => anchor.getAttribute('href') ?? ''));
  expect(hrefs).toHaveLength(2);
  return hrefs;
}

const row = (page: Page, index: number) => page.locator('[data-testid="menu-item"][data-available="true"]').nth(index);
const headerCart = (page: Page) => page.locator('[data-site-header]').getByTestId('header-cart');

test.describe("the header's cart count", () => {
  test('a first visit asks nothing; a guest cart shows its count on every page, from the page that reads it or one request', async ({ page }) => {
    test.setTimeout(60_000);
    const asked = countRequests(page);
    const [first, second] = await openRestaurants(page);
    await page.goto(first!);
    // Nothing to count yet: no count, and no request for one.
    await expect(headerCart(page)).toHaveText('Cart');
    await expect(headerCart(page).getByTestId('header-cart-count')).toHaveCount(0);

    // The menu page's ADD answers with the cart, which the header shows at once.
    const dish = row(page, 0);
    const dishName = (await dish.getByRole('heading').textContent())!.trim();
    await dish.getByRole('button', { name: /^ADD/ }).click();
    await expect(dish.getByTestId('stepper-quantity')).toHaveText(/^1 /);
    await expect(headerCart(page).getByTestId('header-cart-count')).toHaveText('1 dish');
    await dish.getByRole('button', { name: `Add one more ${dishName}` }).click();
    await expect(headerCart(page).getByTestId('header-cart-count')).toHaveText('2 dishes');
    await expect(headerCart(page)).toHaveAccessibleName('Cart 2 dishes');
    expect(asked, 'the menu page reads the cart itself').toEqual([]);

    // A page that doesn't read the cart (the shared city page) asks once after load.
    await page.goto(`/${CITY}`);
    await expect(headerCart(page).getByTestId('header-cart-count')).toHaveText('2 dishes');
    await expectNoSeriousA11yViolations(page, 'city page with a cart');
    expect(asked).toHaveLength(1);

    // Another restaurant's menu (whose visitor request says the cart is elsewhere) and checkout show it without asking.
    await page.goto(second!);
    await expect(page.getByText('Your cart has dishes from').first()).toBeAttached();
    await expect(headerCart(page).getByTestId('header-cart-count')).toHaveText('2 dishes');
    await page.goto('/checkout');
    await expect(headerCart(page).getByTestId('header-cart-count')).toHaveText('2 dishes');
    // Checkout's own stepper: the header follows the cart it renders.
    await page.getByRole('button', { name: `Remove one ${dishName}` }).first().click();
    await expect(headerCart(page).getByTestId('header-cart-count')).toHaveText('1 dish');
    expect(asked).toHaveLength(1);

    // A client-side navigation to a page that doesn't read the cart asks again.
    await page.getByRole('link', { name: 'Thali', exact: true }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(headerCart(page).getByTestId('header-cart-count')).toHaveText('1 dish');
    await expect.poll(() => asked.length).toBe(2);
  });

  // Customer walk: after Place order, the order's page showed the ordered cart's count ("Cart 2") until
  // its own count request answered. The request is held here, so the old count would stay in sight.
  test('the page an order lands on never shows the count of the cart it just ordered', async ({ page }) => {
    test.setTimeout(90_000);
    const [menu] = await openRestaurants(page);
    await signInWithCode(page, uniquePhone(), menu!);
    await expect(page).toHaveURL(new RegExp(`${menu}$`));
    const dish = row(page, 0);
    await dish.getByRole('button', { name: /^ADD/ }).click();
    await expect(dish.getByTestId('stepper-quantity')).toHaveText(/^1 /);
    await dish.getByRole('button', { name: /^Add one more/ }).click();
    await expect(headerCart(page).getByTestId('header-cart-count')).toHaveText('2 dishes');
    await page.goto('/checkout');
    await saveCheckoutAddress(page);
    await expect(page.getByRole('radio', { name: /Home: 12 MG Road/ })).toBeChecked();
    await expect(headerCart(page).getByTestId('header-cart-count')).toHaveText('2 dishes');

    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**${COUNT_ROUTE}`, async (route) => {
      await released;
      await route.continue().catch(() => {});
    });
    // Every state of the header once the address is an order's, read after each DOM change.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seenOnOrder: string[] }).seenOnOrder = seen;
      new MutationObserver(() => {
        if (!location.pathname.startsWith('/orders/')) return;
        seen.push(document.querySelector('[data-site-header] [data-testid="header-cart"]')?.textContent ?? '(none)');
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByRole('button', { name: /^Place order/ }).click();
    await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{22}$/, { timeout: 15_000 });
    await expect(page.getByTestId('order-status')).toBeVisible();
    await expect(headerCart(page)).toHaveText('Cart');
    const seen = await page.evaluate(() => (window as unknown as { seenOnOrder: string[] }).seenOnOrder);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.map((text) => text.trim()).filter((text) => text !== 'Cart')).toEqual([]);
    release();
  });

  test("a visitor without a cart or a session never asks for a count", async ({ page }) => {
    const asked = countRequests(page);
    await page.goto('/');
    await page.goto(`/${CITY}`);
    await page.goto('/checkout');
    await expect(headerCart(page)).toHaveText('Cart');
    await page.waitForLoadState('networkidle');
    expect(asked).toEqual([]);
  });
});
