import { expect, test, type Page } from './support/test';

/**
 * A menu page in a browser without JavaScript (product review): the menu itself is in the HTML
 * (e2e/speed.spec.ts), but ADD, the search box and the veg switch need the page's script. They looked
 * normal and did nothing; now they are not shown, and a note says why. A browser with JavaScript gets
 * the same HTML (a shared page, decision 046) and sees neither the note nor any change.
 */

interface Listed {
  slug: string;
  isOpen: boolean;
  pureVeg: boolean;
}

async function restaurant(page: Page, wanted: (restaurant: Listed) => boolean): Promise<string> {
  const restaurants = (await (await page.request.get('/api/cities/bengaluru/restaurants')).json()) as Listed[];
  const found = restaurants.find(wanted);
  expect(found, 'a Bengaluru restaurant of the kind this test needs').toBeDefined();
  return `/bengaluru/${found!.slug}`;
}

test.describe('a menu page without JavaScript', () => {
  test('shows the dishes, hides ADD, the search box and the veg switch, and says to turn JavaScript on', async ({ browser, page }, testInfo) => {
    const path = await restaurant(page, (candidate) => candidate.isOpen && !candidate.pureVeg);
    const context = await browser.newContext({ ...testInfo.project.use, javaScriptEnabled: false });
    try {
      const plain = await context.newPage();
      await plain.goto(path);
      const dishes = plain.getByTestId('menu-item');
      await expect(dishes.first()).toBeVisible();
      await expect(plain.getByRole('heading', { level: 3 }).first()).toBeVisible();
      await expect(plain.getByText('Turn on JavaScript to add dishes to your cart and to search this menu.')).toBeVisible();
      // Display:none, so neither seen nor offered to a screen reader.
      await expect(plain.getByRole('button', { name: /^ADD/ })).toHaveCount(0);
      await expect(plain.getByRole('searchbox', { name: 'Search this menu' })).toHaveCount(0);
      await expect(plain.getByRole('switch', { name: 'Veg only' })).toHaveCount(0);
      // The side cart doesn't send them to an ADD they can't see.
      const sideCart = plain.getByRole('complementary', { name: 'Cart' });
      await expect(sideCart.getByText('Empty.', { exact: true })).toBeVisible();
      await expect(sideCart.getByText(/Tap ADD/)).toBeHidden();
      // Prices and the categories' jump links (plain anchors) still work.
      await expect(plain.getByText(/₹/).first()).toBeVisible();
      const bar = plain.getByRole('navigation', { name: 'Menu categories' });
      const last = bar.getByRole('link').last();
      await last.click();
      await expect(plain.locator((await last.getAttribute('href'))!)).toBeInViewport();
    } finally {
      await context.close();
    }
  });

  test('a closed restaurant’s note speaks of search only (its ADD already says it is closed)', async ({ browser, page }, testInfo) => {
    const path = await restaurant(page, (candidate) => !candidate.isOpen);
    const context = await browser.newContext({ ...testInfo.project.use, javaScriptEnabled: false });
    try {
      const plain = await context.newPage();
      await plain.goto(path);
      await expect(plain.getByText('Turn on JavaScript to search this menu.')).toBeVisible();
      await expect(plain.getByRole('searchbox', { name: 'Search this menu' })).toHaveCount(0);
      await expect(plain.getByRole('button', { name: /^ADD/ }).first()).toBeDisabled();
    } finally {
      await context.close();
    }
  });

  test('with JavaScript the same page shows ADD, the search box and the veg switch, and no note', async ({ page }) => {
    const path = await restaurant(page, (candidate) => candidate.isOpen && !candidate.pureVeg);
    await page.goto(path);
    await expect(page.getByRole('button', { name: /^ADD/ }).first()).toBeVisible();
    await expect(page.getByRole('searchbox', { name: 'Search this menu' })).toBeEnabled();
    await expect(page.getByRole('switch', { name: 'Veg only' })).toBeEnabled();
    await expect(page.getByText(/Turn on JavaScript/)).toBeHidden();
    await expect(page.getByText('Empty. Tap ADD on a dish to start your order.')).toBeVisible();
  });
});
