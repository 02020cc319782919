import { expect, test } from './support/test';

test.describe('browsing like a customer', () => {
  test('city → restaurant → menu', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.getByRole('link', { name: /Bengaluru/ }).first().click();

    await expect(page).toHaveURL(/\/bengaluru$/);
    await expect(page.getByRole('heading', { name: /Restaurants in Bengaluru/ })).toBeVisible();
    const cards = page.locator('[data-testid="restaurant-card"]');
    await expect(cards).toHaveCount(25);

    await cards.first().getByRole('link').first().click();
    await expect(page).toHaveURL(/\/bengaluru\/[a-z0-9-]+$/);
    await expect(page.getByRole('navigation', { name: /categor/i })).toBeVisible();
    await expect(page.locator('[data-testid="menu-item"]').first()).toBeVisible();
    await expect(page.getByText(/₹/).first()).toBeVisible();
    await expect(page.getByTestId('cache-status')).toBeVisible();
  });

  test('a reload of a menu page is served from Redis', async ({ page }) => {
    const response = await page.request.get('/api/cities/hyderabad/restaurants');
    const [restaurant] = (await response.json()) as { slug: string }[];
    const url = `/hyderabad/${restaurant!.slug}`;

    await page.goto(url);
    await expect(page.getByTestId('cache-status')).toHaveAttribute('data-cache-status', 'MISS');
    await page.reload();
    await expect(page.getByTestId('cache-status')).toHaveAttribute('data-cache-status', 'HIT');
    await expect(page.getByTestId('cache-status')).toContainText(/Redis/i);
  });

  test('filters and sorting live in the URL', async ({ page }) => {
    await page.goto('/chennai?veg=1&sort=cost');
    const cards = page.locator('[data-testid="restaurant-card"]');
    const count = await cards.count();
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(25);
    for (const card of await cards.all()) await expect(card.getByText('Pure Veg')).toBeVisible();
  });

  test('the menu page, as a customer sees it', async ({ page }, testInfo) => {
    const response = await page.request.get('/api/cities/bengaluru/restaurants');
    const restaurants = (await response.json()) as { slug: string; isOpen: boolean }[];
    const open = restaurants.find((restaurant) => restaurant.isOpen)!;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/bengaluru/${open.slug}`);
    await expect(page.locator('[data-testid="menu-item"]').first()).toBeVisible();
    // The week's views arrive with the view beacon's answer.
    await expect(page.getByTestId('weekly-views')).toHaveAttribute('data-views', /^\d+$/);
    // Kept in the repository so the README's screenshot always shows the current UI.
    if (testInfo.project.name === 'desktop') await page.screenshot({ path: 'docs/screenshots/menu.png' });
  });

  test('the category bar marks the section being read (after load: the shared HTML marks none)', async ({ page }) => {
    const restaurants = (await (await page.request.get('/api/cities/bengaluru/restaurants')).json()) as { slug: string }[];
    let path = '';
    for (const { slug } of restaurants) {
      const menu = (await (await page.request.get(`/api/restaurants/${slug}/menu`)).json()) as { categories: unknown[] };
      if (menu.categories.length >= 4) {
        path = `/bengaluru/${slug}`;
        break;
      }
    }
    expect(path, 'a Bengaluru menu with four sections').not.toBe('');
    expect(await (await page.request.get(path)).text()).not.toMatch(/href="#category-\d+" aria-current/);

    for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(viewport);
      await page.goto(path);
      const bar = page.getByRole('navigation', { name: 'Menu categories' });
      const chip = (index: number) => bar.locator(`a[href="#category-${index}"]`);
      await page.locator('#category-3').evaluate((section) => section.scrollIntoView());
      await expect(chip(3)).toHaveAttribute('aria-current', 'location');
      await expect(bar.locator('a[aria-current]')).toHaveCount(1);
      await expect(chip(3)).toBeInViewport();
      await chip(1).click();
      await expect(chip(1)).toHaveAttribute('aria-current', 'location');
      await expect(chip(3)).not.toHaveAttribute('aria-current', /./);
    }
  });

  test('a closed restaurant’s dishes cannot be added, and say why', async ({ page }) => {
    const response = await page.request.get('/api/cities/bengaluru/restaurants');
    const closed = ((await response.json()) as { slug: string; isOpen: boolean }[]).find((restaurant) => !restaurant.isOpen);
    expect(closed, 'Bengaluru has a closed restaurant').toBeDefined();
    // Its card and its menu header promise no delivery time.
    await page.goto('/bengaluru');
    const card = page.locator('[data-testid="restaurant-card"]').filter({ has: page.locator(`a[href="/bengaluru/${closed!.slug}"]`) });
    await expect(card.getByTestId('card-delivery')).toHaveText('Closed now');
    await page.goto(`/bengaluru/${closed!.slug}`);
    await expect(page.getByTestId('menu-delivery-time')).toHaveText('Closed now');
    const dish = page.locator('[data-testid="menu-item"][data-available="true"]').first();
    const add = dish.getByRole('button', { name: /^ADD/ });
    await expect(add).toBeDisabled();
    await expect(add).toHaveAccessibleName(/\(restaurant closed\)$/);
    await expect(add).toHaveAttribute('title', 'This restaurant is closed');
  });
});

test.describe('not found', () => {
  for (const path of ['/atlantis', '/bengaluru/no-such-restaurant', '/Bengaluru', '/bengaluru/a_b']) {
    test(`${path} answers 404 with the not-found page`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole('link', { name: /home|cities/i }).first()).toBeVisible();
    });
  }

  test('a restaurant under another city’s URL is not found', async ({ page }) => {
    const response = await page.request.get('/api/cities/mumbai/restaurants');
    const [restaurant] = (await response.json()) as { slug: string }[];
    expect((await page.goto(`/delhi/${restaurant!.slug}`))?.status()).toBe(404);
  });
});
