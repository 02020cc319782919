import { expectNoSeriousA11yViolations } from './support/axe';
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
