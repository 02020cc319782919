import { expect, test } from './support/test';

// Runs in the "phone" project (Pixel 7 viewport) as well as on desktop.
for (const path of ['/', '/bengaluru']) {
  test(`${path} fits the screen without sideways scrolling`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator('main')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
}

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
