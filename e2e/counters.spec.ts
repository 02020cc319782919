import { devices, expect, test, type Page } from './support/test';

import { signInAsAdmin } from './support/admin';

/**
 * Views and trending as a browser sees them, through the real beacon and route. A menu page shows
 * the count as it was before its own beacon fired, so each step reads the number after a reload.
 * Chennai's menu pages are opened by no other spec.
 */
const CITY = 'chennai';

async function pickRestaurant(page: Page, index: number): Promise<{ slug: string; name: string }> {
  const response = await page.request.get(`/api/cities/${CITY}/restaurants`);
  const restaurants = (await response.json()) as { slug: string; name: string }[];
  return restaurants[index]!;
}

/** Runs a navigation and waits for the view beacon it triggers; returns the beacon's answer. */
async function withBeacon(page: Page, slug: string, navigate: () => Promise<unknown>) {
  const beacon = page.waitForResponse(
    (response) => response.url().endsWith(`/api/restaurants/${slug}/views`) && response.request().method() === 'POST',
  );
  await navigate();
  const response = await beacon;
  return { status: response.status(), outcome: response.headers()['x-view'] };
}

async function shownViews(page: Page): Promise<number> {
  // None yet shows no line: the element is there, hidden, once the beacon's answer arrived.
  const line = page.getByTestId('weekly-views');
  await expect(line).toHaveAttribute('data-views', /^\d+$/);
  return Number(await line.getAttribute('data-views'));
}

test.describe('views and trending', () => {
  test('a new visitor adds a view; reloads within the hour do not', async ({ page, browser }) => {
    const { slug } = await pickRestaurant(page, 7);
    const url = `/${CITY}/${slug}`;

    expect(await withBeacon(page, slug, () => page.goto(url))).toEqual({ status: 202, outcome: 'counted' });
    const before = await shownViews(page);

    expect(await withBeacon(page, slug, () => page.reload())).toEqual({ status: 204, outcome: 'duplicate' });
    const afterFirstVisit = await shownViews(page);
    expect(afterFirstVisit).toBe(before + 1);
    await expect(page.getByTestId('weekly-views')).toContainText(/views? this week/);

    expect(await withBeacon(page, slug, () => page.reload())).toEqual({ status: 204, outcome: 'duplicate' });
    expect(await shownViews(page)).toBe(afterFirstVisit);

    // Another browser profile is another visitor (its own thali_vid cookie).
    const other = await browser.newContext({ ...devices['Desktop Chrome'] });
    try {
      const second = await other.newPage();
      expect(await withBeacon(second, slug, () => second.goto(url))).toEqual({ status: 202, outcome: 'counted' });
      expect(await withBeacon(second, slug, () => second.reload())).toEqual({ status: 204, outcome: 'duplicate' });
      expect(await shownViews(second)).toBe(afterFirstVisit + 1);
    } finally {
      await other.close();
    }
  });

  test('a headless crawler is not counted', async ({ page, browser }) => {
    const { slug } = await pickRestaurant(page, 8);
    const crawler = await browser.newContext({
      userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    });
    try {
      const bot = await crawler.newPage();
      expect(await withBeacon(bot, slug, () => bot.goto(`/${CITY}/${slug}`))).toEqual({ status: 204, outcome: 'bot' });
    } finally {
      await crawler.close();
    }
    await page.goto(`/${CITY}/${slug}`);
    expect(await shownViews(page)).toBe(0);
  });

  test('trending appears on the city page once there are views, most viewed first', async ({ page, browser }) => {
    // No other spec opens Ahmedabad's menu pages.
    await page.goto('/ahmedabad');
    await expect(page.getByRole('heading', { name: /Restaurants in Ahmedabad/ })).toBeVisible();
    await expect(page.getByTestId('trending')).toHaveCount(0);

    const list = (await (await page.request.get('/api/cities/ahmedabad/restaurants')).json()) as { slug: string }[];
    const [popular, liked] = [list[3]!.slug, list[4]!.slug];
    for (const slug of [liked, popular]) {
      expect((await withBeacon(page, slug, () => page.goto(`/ahmedabad/${slug}`))).status).toBe(202);
    }
    const other = await browser.newContext({ ...devices['Desktop Chrome'] });
    try {
      const second = await other.newPage();
      expect((await withBeacon(second, popular, () => second.goto(`/ahmedabad/${popular}`))).status).toBe(202);
    } finally {
      await other.close();
    }

    await page.goto('/ahmedabad');
    const trending = page.getByTestId('trending');
    await expect(trending.getByRole('heading', { name: /Trending in Ahmedabad/ })).toBeVisible();
    const items = trending.getByTestId('trending-item');
    await expect(items).toHaveCount(2);
    await expect(items.nth(0)).toHaveAttribute('data-slug', popular);
    await expect(items.nth(1)).toHaveAttribute('data-slug', liked);

    await items.nth(1).getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`/ahmedabad/${liked}$`));
  });

  test('the admin dashboard counts today’s views as they happen', async ({ page, browser }) => {
    await signInAsAdmin(page, '/admin');
    const viewsToday = async () => {
      await page.goto('/admin');
      return Number((await page.getByTestId('views-today').textContent())!.replace(/\D/g, ''));
    };
    const before = await viewsToday();

    const { slug } = await pickRestaurant(page, 9);
    const visitor = await browser.newContext({ ...devices['Desktop Chrome'] });
    try {
      const customer = await visitor.newPage();
      expect(await withBeacon(customer, slug, () => customer.goto(`/${CITY}/${slug}`))).toEqual({ status: 202, outcome: 'counted' });
    } finally {
      await visitor.close();
    }

    expect(await viewsToday()).toBe(before + 1);
    await expect(page.getByRole('region', { name: 'Top restaurants this week' }).getByRole('listitem').first()).toBeVisible();
  });
});
