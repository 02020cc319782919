import sharp from 'sharp';

import { signInAsAdmin } from './support/admin';
import { E2E_KEY_PREFIX } from './support/config';
import { expect, test, type Page } from './support/test';

/**
 * Photos from the admin console to the customer's API: an upload is on the admin page and in the next
 * menu response, served as an immutable WebP; a file that is not an image, or too big, is refused
 * with a clear message and changes nothing. Hyderabad only (no other spec expects its keys), one
 * restaurant per project, so the desktop and phone runs don't share a photo.
 */
const CITY = 'hyderabad';

interface MenuJson {
  restaurant: { slug: string; photoUrl: string | null };
  categories: { name: string; items: { id: number; name: string; photoUrl: string | null }[] }[];
}

async function restaurantFor(page: Page, index: number): Promise<string> {
  const list = (await (await page.request.get(`/api/cities/${CITY}/restaurants`)).json()) as { slug: string }[];
  return list[index]!.slug;
}

async function menu(page: Page, slug: string): Promise<{ body: MenuJson; cache: string | undefined }> {
  const response = await page.request.get(`/api/restaurants/${slug}/menu`);
  expect(response.status()).toBe(200);
  return { body: (await response.json()) as MenuJson, cache: response.headers()['x-cache'] };
}

async function jpegWithExif(): Promise<Buffer> {
  return sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 210, g: 120, b: 40 } } })
    .jpeg()
    .withExifMerge({ IFD0: { Make: 'PhoneCo' } })
    .toBuffer();
}

test.describe('photos in the admin console', () => {
  test.describe.configure({ timeout: 60_000 });

  test('an admin uploads a cover photo; the admin page and the next menu response show it', async ({ page }, testInfo) => {
    const slug = await restaurantFor(page, testInfo.project.name === 'phone' ? 1 : 0);
    await menu(page, slug);
    expect((await menu(page, slug)).body.restaurant.photoUrl).toBeNull();

    await signInAsAdmin(page, `/admin/restaurants/${slug}`);
    const cover = page.getByTestId('cover-photo');
    await expect(cover.getByTestId('fallback-illustration')).toBeVisible();
    await cover.getByLabel('Upload a cover photo').setInputFiles({ name: 'front.jpg', mimeType: 'image/jpeg', buffer: await jpegWithExif() });
    await expect(cover.getByRole('img', { name: 'The photo you chose' })).toBeVisible();
    await cover.getByRole('button', { name: 'Upload photo' }).click();

    const result = page.getByTestId('cover-photo-result');
    await expect(result).toHaveAttribute('data-status', 'saved');
    await expect(result.getByTestId('invalidated-keys').getByRole('listitem')).toHaveText([
      `${E2E_KEY_PREFIX}menu:v4:restaurant:{${slug}}`,
      `${E2E_KEY_PREFIX}city:v3:{${CITY}}:restaurants`,
      `${E2E_KEY_PREFIX}search:v1:{${CITY}}`,
    ]);
    const current = cover.getByTestId('current-photo');
    await expect(current).toBeVisible();
    // Loaded through next/image from the photo route, not a broken image.
    await expect.poll(() => current.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBeGreaterThan(0);

    const after = await menu(page, slug);
    expect(after.cache).toBe('MISS');
    const photoUrl = after.body.restaurant.photoUrl!;
    expect(photoUrl).toMatch(/^\/media\/[0-9a-f]{32}\.webp$/);
    const photo = await page.request.get(photoUrl);
    expect(photo.status()).toBe(200);
    expect(photo.headers()['content-type']).toBe('image/webp');
    expect(photo.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    const bytes = await photo.body();
    expect(bytes.toString('latin1')).not.toContain('PhoneCo');
    expect((await sharp(bytes).metadata()).width).toBe(1200);

    // Removing it puts the illustration back, and the next response has no photo.
    await cover.getByRole('button', { name: 'Remove the cover photo' }).click();
    await cover.getByRole('button', { name: 'Yes, remove' }).click();
    await expect(result).toHaveAttribute('data-status', 'saved');
    await expect(cover.getByTestId('fallback-illustration')).toBeVisible();
    expect((await menu(page, slug)).body.restaurant.photoUrl).toBeNull();
  });

  test('a file that is not an image, or is too big, is refused with a clear message', async ({ page }, testInfo) => {
    const slug = await restaurantFor(page, testInfo.project.name === 'phone' ? 3 : 2);
    const item = (await menu(page, slug)).body.categories[0]!.items[0]!;
    await signInAsAdmin(page, `/admin/restaurants/${slug}/items/${item.id}`);
    const field = page.getByTestId('dish-photo');
    const input = field.getByLabel('Upload a dish photo');
    const upload = field.getByRole('button', { name: 'Upload photo' });

    // Named and typed like a JPEG, so only the server, reading the bytes, can tell.
    await input.setInputFiles({ name: 'dish.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a photo at all\n'.repeat(20)) });
    await upload.click();
    const result = page.getByTestId('dish-photo-result');
    await expect(result).toHaveAttribute('data-status', 'failed');
    await expect(result).toHaveText('That file is not a JPEG, PNG, WebP or AVIF image.');

    // Too big is said before anything is sent.
    await input.setInputFiles({ name: 'huge.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(4 * 1024 * 1024 + 1, 1) });
    await expect(field.getByText('Photos can be at most 4 MB.')).toBeVisible();
    await expect(upload).toBeDisabled();

    const after = (await menu(page, slug)).body.categories[0]!.items.find((candidate) => candidate.id === item.id);
    expect(after?.photoUrl).toBeNull();
  });
});
