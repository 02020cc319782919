import { signInAsAdmin } from './support/admin';
import { E2E_ADMIN } from './support/config';
import { uniquePhone } from './support/customer';
import { devices, expect, test } from './support/test';
import { placeOrderThroughTwilio, TWILIO_BASE } from './support/twilio';

// Runs in the "phone" project (Pixel 7 viewport) as well as on desktop.
for (const path of ['/', '/bengaluru']) {
  test(`${path} fits the screen without sideways scrolling`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator('main')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
}

// Customer walk on a phone: each city was a full-width card with a tall skyline, one a screen, so a
// customer in Pune (the last) scrolled past seven others to find it. Two a row on a phone now.
test('home on a phone: every city within two screens of the top, two a row', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  const cities = page.getByRole('list').filter({ has: page.getByRole('link', { name: /Bengaluru/ }) }).getByRole('link');
  await expect(cities.first()).toBeVisible();
  const boxes = await cities.evaluateAll((links) => links.map((link) => link.getBoundingClientRect()).map((box) => ({ top: box.top + window.scrollY, bottom: box.bottom + window.scrollY })));
  expect(boxes.length).toBeGreaterThanOrEqual(8);
  expect(boxes[1]!.top).toBe(boxes[0]!.top);
  expect(boxes.at(-1)!.bottom).toBeLessThanOrEqual(2 * 844);
  // Half of the narrowest phone (320 px) still holds the longest name and the count.
  await page.setViewportSize({ width: 320, height: 700 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  const clipped = await cities.evaluateAll((links) => links.filter((link) => link.scrollWidth > link.clientWidth).length);
  expect(clipped).toBe(0);
});

// The narrowest phones still sold (320px): a search's restaurant cards overflowed by 27px there.
test('a city search fits a 320px-wide screen without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 700 });
  await page.goto('/bengaluru?q=biryani');
  await expect(page.getByTestId('search-results')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('a menu page on a phone: the category bar scrolls sideways and jumps to its category', async ({ page }) => {
  const restaurants = (await (await page.request.get('/api/cities/mumbai/restaurants')).json()) as { slug: string }[];
  await page.goto(`/mumbai/${restaurants[1]!.slug}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  const nav = page.getByRole('navigation', { name: /categor/i });
  const last = nav.getByRole('link').last();
  await last.click();
  const target = (await last.getAttribute('href'))!;
  await expect(page).toHaveURL(new RegExp(`${target}$`));
  await expect(page.locator(target)).toBeInViewport();
});

// Product review: at the foot of a long menu the phone's fixed cart bar sat over the footer's text,
// which could then not be read (the spacer under the menu stopped above the footer).
test('a menu page on a phone: the cart bar never covers the footer at the foot of the page', async ({ page }) => {
  // A phone's width in both projects: the bar is the layout below lg's.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/bengaluru');
  const menu = await page.locator('[data-testid="restaurant-card"][data-open="true"] h2 a').first().getAttribute('href');
  await page.goto(menu!);
  await page.locator('[data-testid="menu-item"][data-available="true"]').first().getByRole('button', { name: /^ADD/ }).click();
  const bar = page.getByTestId('cart-bar');
  await expect(bar).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const footerText = page.locator('footer p').last();
  await expect(footerText).toBeInViewport();
  await expect(async () => {
    const text = (await footerText.boundingBox())!;
    const barTop = (await bar.boundingBox())!.y;
    expect(text.y + text.height).toBeLessThanOrEqual(barTop);
  }).toPass({ timeout: 5_000 });
});

// Admin walk on a phone: a restaurant owner runs the kitchen from one, and the orders were a table that
// scrolled sideways, an order's address, note and total off screen beside its buttons. Each order is a
// card there now. On the twilio server, where the kitchen waits two minutes, so the order stays placed.
test("a restaurant's orders on a phone: no sideways scrolling, an order's buttons and address in view", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const { slug, orderId } = await placeOrderThroughTwilio(page, uniquePhone());
  const short = orderId.slice(0, 8);
  const adminContext = await browser.newContext({ ...devices['Pixel 7'] });
  try {
    const admin = await adminContext.newPage();
    const adminPath = `/admin/restaurants/${slug}`;
    await signInAsAdmin(admin, adminPath, E2E_ADMIN, TWILIO_BASE);
    const region = admin.getByRole('region', { name: /^Orders from / });
    const order = region.getByTestId('restaurant-order').filter({ hasText: `#${short}` });
    await expect(order).toHaveAttribute('data-status', 'placed');
    const sideways = await region.evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }));
    expect(sideways.scroll).toBeLessThanOrEqual(sideways.client);
    expect(await admin.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    // Within the screen's width without scrolling anything sideways (scrolling down is fine).
    const width = admin.viewportSize()!.width;
    await order.getByText('Cancel order…').click();
    for (const part of [
      order.getByRole('button', { name: `Accept: order #${short}` }),
      order.getByRole('button', { name: `Cancel order #${short}` }),
      order.getByText('12 MG Road'),
      order.getByTestId('restaurant-order-dishes'),
    ]) {
      const box = (await part.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
    }
    await order.getByRole('button', { name: `Accept: order #${short}` }).scrollIntoViewIfNeeded();
    await expect(order.getByRole('button', { name: `Accept: order #${short}` })).toBeInViewport({ ratio: 1 });
    expect(await region.evaluate((element) => element.scrollLeft)).toBe(0);
  } finally {
    await adminContext.close();
  }
});
