import sharp from 'sharp';

import { signInAsAdmin } from './support/admin';
import { expect, test, type Locator, type Page } from './support/test';

/**
 * Finding food as a customer, on desktop and phone: the city search box (with and without
 * JavaScript), a refused search said in words, cuisine chips that only offer what still has results,
 * the menu's own search box and veg-only switch, and photos an admin uploads showing on the
 * customer's pages on the next request. Photos go on Hyderabad restaurants 4-7 (e2e/photos.spec.ts
 * uses 0-3), one pair per project.
 */

function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

async function slugs(page: Page, city: string): Promise<{ slug: string; pureVeg: boolean; isOpen: boolean }[]> {
  return (await (await page.request.get(`/api/cities/${city}/restaurants`)).json()) as { slug: string; pureVeg: boolean; isOpen: boolean }[];
}

test.describe('city search', () => {
  test('one box finds restaurants and dishes, typos and all; each dish names and links its restaurant', async ({ page }) => {
    await page.goto('/hyderabad');
    await page.getByRole('searchbox', { name: /Search restaurants and dishes in Hyderabad/ }).fill('biriyani');
    await page.getByRole('searchbox', { name: /Search restaurants and dishes/ }).press('Enter');
    await expect(page).toHaveURL(/\/hyderabad\?q=biriyani$/);
    await expect(page).toHaveTitle(/“biriyani” in Hyderabad/);
    const results = page.getByTestId('search-results');
    await expect(results.getByRole('status')).toHaveText(/\d+ restaurants? and (the top )?\d+ dish(es)? for “biriyani”/);
    await expect(results.getByTestId('restaurant-card').first()).toContainText(/Biryani/);
    const dish = results.getByTestId('dish-hit').first();
    await expect(dish.getByRole('heading')).toHaveText(/Biryani/);
    expect(await sidewaysOverflow(page), 'results fit the screen').toBeLessThanOrEqual(0);
    const restaurant = dish.getByTestId('dish-hit-restaurant');
    const name = (await restaurant.textContent())!;
    await restaurant.click();
    await expect(page).toHaveURL(/\/hyderabad\/[a-z0-9-]+$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  });

  test('a dish links to its row in its restaurant’s menu', async ({ page }) => {
    await page.goto('/chennai?q=dosai');
    const dish = page.getByTestId('dish-hit').first();
    await expect(dish.getByRole('heading')).toHaveText(/Dosa/);
    const link = dish.getByRole('heading').getByRole('link');
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/^\/chennai\/[a-z0-9-]+#dish-\d+$/);
    await link.click();
    await expect(page.locator(`#${href.split('#')[1]}`)).toBeInViewport();
  });

  // Customer walk: a dish the search found could only be ordered by opening its menu and finding it again.
  test('a dish the search found is added to the cart from the results, as on its menu', async ({ page }) => {
    await page.goto('/kolkata?q=paneer');
    const dishes = page.locator('[data-testid="dish-hit"]:has(button)');
    const first = dishes.first();
    const name = (await first.getByRole('heading').textContent())!.trim();
    const restaurant = (await first.getByTestId('dish-hit-restaurant').textContent())!.trim();
    await first.getByRole('button', { name: `ADD ${name}` }).click();
    await expect(first.getByTestId('stepper-quantity')).toHaveText(/^1 /);
    await expect(page.locator('[data-site-header]').getByTestId('header-cart-count')).toHaveText('1 dish');
    await first.getByRole('button', { name: `Add one more ${name}` }).click();
    await expect(first.getByTestId('stepper-quantity')).toHaveText(/^2 /);
    await expect(page.locator('[data-site-header]').getByTestId('header-cart-count')).toHaveText('2 dishes');
    // A dish of another restaurant asks first, in the page's own dialog, as a menu does.
    const restaurants = await dishes.getByTestId('dish-hit-restaurant').allTextContents();
    const other = dishes.nth(restaurants.findIndex((text) => text.trim() !== restaurant));
    await other.getByRole('button', { name: /^ADD/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Start a new cart?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Keep current cart' }).click();
    // Searched again, a dish already in the cart shows its quantity, not ADD (from the header's count request).
    await page.goto('/kolkata?q=paneer');
    await expect(dishes.first().getByTestId('stepper-quantity')).toHaveText(/^2 /);
    await page.goto('/checkout');
    await expect(page.getByTestId('cart-line')).toHaveCount(1);
    await expect(page.getByTestId('cart-line')).toContainText(name);
  });

  test('the box is a plain GET form: it searches without JavaScript', async ({ browser }, testInfo) => {
    const { baseURL, viewport, userAgent, isMobile, hasTouch, deviceScaleFactor } = testInfo.project.use;
    const context = await browser.newContext({ baseURL, viewport, userAgent, isMobile, hasTouch, deviceScaleFactor, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/chennai');
    // Without JavaScript the page's streamed part (under its loading state, as on every such page)
    // stays hidden, so the form is submitted as the browser would, natively, not clicked.
    const form = page.locator('form[role="search"][action="/chennai"]');
    await expect(form).toHaveAttribute('aria-label', 'Search Chennai');
    await form.evaluate((element: HTMLFormElement) => {
      element.querySelector<HTMLInputElement>('input[name="q"]')!.value = 'dosai';
      element.requestSubmit();
    });
    await expect(page).toHaveURL(/\/chennai\?q=dosai$/);
    await expect(page.getByTestId('dish-hit').first()).toBeAttached();
    await context.close();
  });

  test('a search that cannot run is said in words (never a 5xx), and nothing found offers a way out', async ({ page }) => {
    const long = await page.goto(`/hyderabad?q=${'paneer'.repeat(30)}`);
    expect(long?.status()).toBe(200);
    await expect(page.getByTestId('search-problem')).toHaveText('A search can be at most 100 characters long.');
    // The listing still shows under the message.
    await expect(page.getByTestId('restaurant-card')).toHaveCount(25);

    expect((await page.goto('/hyderabad?q=%1b%5b31m'))?.status()).toBe(200);
    await expect(page.getByTestId('search-problem')).toHaveText('A search can’t contain control characters.');

    await page.goto('/hyderabad?q=zzqx%20vvkj');
    await expect(page.getByRole('heading', { name: 'No restaurant or dish in Hyderabad matches “zzqx vvkj”' })).toBeVisible();
    await page.getByRole('link', { name: 'Clear search' }).click();
    await expect(page).toHaveURL(/\/hyderabad$/);
    await expect(page.getByTestId('restaurant-card')).toHaveCount(25);
  });
});

test.describe('filters', () => {
  test('cuisine chips offer only what still has results with Pure Veg on, each count what it shows', async ({ page }) => {
    await page.goto('/chennai');
    const all = await chipCounts(page);
    await page.getByRole('link', { name: /^Pure Veg/ }).click();
    await expect(page).toHaveURL(/veg=1/);
    const veg = await chipCounts(page);
    expect(veg.size).toBeGreaterThan(0);
    expect(veg.size, 'some cuisine has no Pure Veg place in Chennai').toBeLessThan(all.size);
    for (const count of veg.values()) expect(count).toBeGreaterThan(0);

    const [cuisine, count] = [...veg.entries()][0]!;
    await page.getByTestId('cuisine-chip').filter({ hasText: cuisine }).getByRole('link').click();
    await expect(page.getByText(`Showing ${count} of 25 restaurants`)).toBeVisible();
    await expect(page.getByTestId('restaurant-card')).toHaveCount(count);
  });
});

test.describe('Rating 4.0+', () => {
  test('the chip keeps only places rated 4.0 or more, says how many first, lives in the URL and comes off again', async ({ page }) => {
    const places = (await (await page.request.get('/api/cities/chennai/restaurants')).json()) as { slug: string; rating: number }[];
    const rated = new Set(places.filter((place) => place.rating >= 4).map((place) => place.slug));
    expect(rated.size, 'Chennai has places on both sides of 4.0').toBeLessThan(places.length);
    await page.goto('/chennai');
    const chip = page.getByTestId('top-rated-chip');
    await expect(chip).toHaveAttribute('data-count', String(rated.size));
    await chip.getByRole('link').click();
    await expect(page).toHaveURL(/\/chennai\?rating=4$/);
    await expect(page.getByText(`Showing ${rated.size} of ${places.length} restaurants`)).toBeVisible();
    const hrefs = await page.getByTestId('restaurant-card').evaluateAll((cards) => cards.map((card) => card.querySelector('a')?.getAttribute('href') ?? ''));
    expect(new Set(hrefs.map((href) => href.split('/').pop()))).toEqual(rated);
    await page.getByTestId('top-rated-chip').getByRole('link').click();
    await expect(page).toHaveURL(/\/chennai$/);
    await expect(page.getByTestId('restaurant-card')).toHaveCount(places.length);
  });
});

async function chipCounts(page: Page): Promise<Map<string, number>> {
  const chips = page.getByTestId('cuisine-chip');
  await expect(chips.first()).toBeVisible();
  const counts = new Map<string, number>();
  for (const chip of await chips.all()) {
    const name = (await chip.getByRole('link').evaluate((link) => link.firstChild?.textContent ?? '')).trim();
    counts.set(name, Number(await chip.getAttribute('data-count')));
  }
  return counts;
}

test.describe('inside a menu', () => {
  test('the search box and veg-only switch filter the dishes on the page, with a live count', async ({ page }) => {
    // A Delhi restaurant with paneer on its menu and non-veg dishes too (so the switch shows).
    const pureVeg = new Set((await slugs(page, 'delhi')).filter((r) => r.pureVeg).map((r) => r.slug));
    const found = (await (await page.request.get('/api/cities/delhi/search?q=paneer')).json()) as { dishes: { restaurant: { slug: string } }[] };
    const slug = found.dishes.map((dish) => dish.restaurant.slug).find((candidate) => !pureVeg.has(candidate))!;
    await page.goto(`/delhi/${slug}`);
    const rows = page.getByTestId('menu-item');
    const total = await rows.count();
    const search = page.getByRole('searchbox', { name: 'Search this menu' });
    const count = page.getByTestId('menu-filter-count');
    await expect(search).toBeEnabled();
    expect(await sidewaysOverflow(page), 'the menu and its filter fit the screen').toBeLessThanOrEqual(0);

    // Misspelt the way customers type it.
    await search.fill('panner');
    await expect(count).toHaveText(new RegExp(`^Showing \\d+ of ${total} dishes$`));
    const shown = rows.filter({ visible: true });
    expect(await shown.count()).toBeGreaterThan(0);
    expect(await shown.count()).toBeLessThan(total);
    for (const row of await shown.all()) await expect(row).toContainText(/paneer/i);
    // Each section shown counts what it shows, in its heading and its chip: "(1 of 9 items)" and "1".
    const section = page.locator('[data-menu-section]').filter({ visible: true }).first();
    const inSection = await section.getByTestId('menu-item').filter({ visible: true }).count();
    const inAll = await section.getByTestId('menu-item').count();
    await expect(section.getByRole('heading').first()).toContainText(`(${inSection} of ${inAll} item${inAll === 1 ? '' : 's'})`);
    const chip = page.getByRole('navigation', { name: 'Menu categories' }).locator(`[data-section-link="${await section.getAttribute('id')}"]`);
    await expect(chip).toHaveText(new RegExp(`${inSection}$`));

    await search.fill('');
    await expect(section.getByRole('heading').first()).toContainText(`(${inAll} item${inAll === 1 ? '' : 's'})`);
    await expect(chip).toHaveText(new RegExp(`${inAll}$`));
    // The switch's box is drawn over the visually hidden checkbox: click its label, as a person does.
    await page.getByText('Veg only', { exact: true }).click();
    await expect(page.getByRole('switch', { name: 'Veg only' })).toBeChecked();
    const veg = await rows.filter({ visible: true }).count();
    expect(veg).toBeGreaterThan(0);
    expect(veg).toBeLessThan(total);
    await expect(count).toHaveText(`Showing ${veg} of ${total} dishes`);
    for (const row of await rows.filter({ visible: true }).all()) await expect(row.getByRole('img', { name: 'Veg', exact: true })).toBeVisible();

    await search.fill('zzqx');
    await expect(page.getByTestId('menu-filter-empty')).toContainText('No veg dishes match “zzqx”');
    await expect(rows.filter({ visible: true })).toHaveCount(0);
    await page.getByRole('button', { name: 'Show the whole menu' }).click();
    await expect(rows.filter({ visible: true })).toHaveCount(total);
    await expect(search).toHaveValue('');
  });
});

async function photo(green = 140): Promise<Buffer> {
  return sharp({ create: { width: 1000, height: 700, channels: 3, background: { r: 40, g: green, b: 90 } } }).jpeg().toBuffer();
}

async function loaded(page: Page, testId: string) {
  const image = page.getByTestId(testId).first();
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBeGreaterThan(0);
  return image;
}

/**
 * Picks a file in an admin photo field, again if the page had not hydrated yet when the first pick
 * happened (its change event then reaches no handler and "Upload photo" stays disabled).
 */
async function chooseFile(field: Locator, label: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await expect(async () => {
    await field.getByLabel(label).setInputFiles(file);
    await expect(field.getByRole('button', { name: 'Upload photo' })).toBeEnabled({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

test.describe('photos on the customer pages', () => {
  test.describe.configure({ timeout: 90_000 });

  test('an uploaded, replaced or removed cover, and a dish photo, show on the next request', async ({ page }, testInfo) => {
    const offset = testInfo.project.name === 'phone' ? 1 : 0;
    const list = await slugs(page, 'hyderabad');
    const slug = list[4 + offset]!.slug;
    // Cached first, so the pages below prove the upload invalidated them.
    await page.goto(`/hyderabad/${slug}`);
    await expect(page.getByTestId('menu-cover').getByTestId('restaurant-illustration')).toBeVisible();
    const itemId = Number((await page.getByTestId('menu-item').first().getAttribute('id'))!.replace('dish-', ''));
    await expect(page.getByTestId('menu-item').first().getByTestId('dish-photo')).toHaveCount(0);

    await signInAsAdmin(page, `/admin/restaurants/${slug}`);
    const cover = page.getByTestId('cover-photo');
    await chooseFile(cover, 'Upload a cover photo', { name: 'cover.jpg', mimeType: 'image/jpeg', buffer: await photo() });
    await cover.getByRole('button', { name: 'Upload photo' }).click();
    await expect(page.getByTestId('cover-photo-result')).toHaveAttribute('data-status', 'saved');

    await page.goto(`/admin/restaurants/${slug}/items/${itemId}`);
    const dish = page.getByTestId('dish-photo');
    await chooseFile(dish, 'Upload a dish photo', { name: 'dish.png', mimeType: 'image/png', buffer: await photo() });
    await dish.getByRole('button', { name: 'Upload photo' }).click();
    await expect(page.getByTestId('dish-photo-result')).toHaveAttribute('data-status', 'saved');

    await page.goto(`/hyderabad/${slug}`);
    const header = await loaded(page, 'restaurant-photo');
    expect(await header.getAttribute('src')).toMatch(/^\/_next\/image\?url=%2Fmedia%2F[0-9a-f]{32}\.webp/);
    expect(await header.getAttribute('sizes')).toBeTruthy();
    const first = (await header.getAttribute('src'))!;
    const row = page.locator(`#dish-${itemId}`);
    await expect(row.getByTestId('dish-photo')).toBeVisible();
    await expect(row.getByRole('button', { name: /^ADD/ })).toBeVisible();

    await page.goto('/hyderabad');
    const card = page.getByTestId('restaurant-card').filter({ has: page.locator(`a[href="/hyderabad/${slug}"]`) });
    await expect(card.getByTestId('restaurant-photo')).toBeVisible();
    await expect(page.getByTestId('restaurant-illustration').first()).toHaveAttribute('src', /^\/illustrations\/[a-z-]+\.[0-9a-f]{10}\.svg$/);

    // Replaced: the next menu page shows the new photo (a new content-named URL).
    await page.goto(`/admin/restaurants/${slug}`);
    await chooseFile(page.getByTestId('cover-photo'), 'Replace the cover photo', { name: 'new.jpg', mimeType: 'image/jpeg', buffer: await photo(60) });
    await page.getByTestId('cover-photo').getByRole('button', { name: 'Upload photo' }).click();
    await expect(page.getByTestId('cover-photo-result')).toHaveAttribute('data-status', 'saved');
    await page.goto(`/hyderabad/${slug}`);
    const replaced = await loaded(page, 'restaurant-photo');
    expect(await replaced.getAttribute('src')).toMatch(/^\/_next\/image\?url=%2Fmedia%2F[0-9a-f]{32}\.webp/);
    expect(await replaced.getAttribute('src')).not.toBe(first);

    await page.goto(`/admin/restaurants/${slug}`);
    await page.getByTestId('cover-photo').getByRole('button', { name: 'Remove the cover photo' }).click();
    await page.getByTestId('cover-photo').getByRole('button', { name: 'Yes, remove' }).click();
    await expect(page.getByTestId('cover-photo-result')).toHaveAttribute('data-status', 'saved');
    await page.goto(`/hyderabad/${slug}`);
    await expect(page.getByTestId('menu-cover').getByTestId('restaurant-illustration')).toBeVisible();
    await expect(page.getByTestId('menu-cover').getByTestId('restaurant-photo')).toHaveCount(0);
  });
});
