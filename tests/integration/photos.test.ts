import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { and, desc, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { admins, auditLog, cities, menuItems, restaurants } from '@/db/schema';
import { keys } from '@/lib/cache/keys';
import { MAX_PHOTO_BYTES, PHOTO_MESSAGES } from '@/lib/media/limits';
import { photoTarget, removePhoto, uploadPhoto } from '@/lib/media/admin-photos';
import { serveLocalPhoto } from '@/lib/media/serve';
import { getCityRestaurants, getRestaurantMenu } from '@/lib/menus/cached';
import { searchCity } from '@/lib/search/cached';

import { backendPairs, setUpBackends } from '../support/backend-matrix';

/**
 * Admin photos end to end below HTTP, on every driver: the upload is processed, stored in the local
 * folder, saved with its audit entry, and exactly the keys that show it are invalidated, so the next
 * menu, listing and search read shows it. Refused uploads change nothing.
 */

const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thali-media-'));
const storedFiles = () => fs.readdirSync(mediaDir).sort();

function put(url: string, body: BodyInit | Buffer, headers: Record<string, string> = {}): Request {
  const payload = Buffer.isBuffer(body) ? new Uint8Array(body) : body;
  return new Request(`http://127.0.0.1:3000${url}`, { method: 'PUT', body: payload, headers, duplex: 'half' } as RequestInit);
}

async function jpeg(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 90, b: 30 } } })
    .jpeg()
    .withExifMerge({ IFD0: { Make: 'PhoneCo' } })
    .toBuffer();
}

afterAll(() => fs.rmSync(mediaDir, { recursive: true, force: true }));

for (const pair of await backendPairs()) {
  describe.skipIf(!pair.runnable)(pair.title('admin photos'), () => {
    const backends = setUpBackends(pair, { label: 'photos', env: { REDIS_TIMEOUT_MS: '5000', MEDIA_DIR: mediaDir } });
    let adminId: number;
    let place: { id: number; slug: string; city: string };
    let dish: { id: number };

    beforeAll(async () => {
      const [admin] = await backends.db.db
        .insert(admins)
        .values({ email: `photos-${pair.driver.name}@thali.test`, name: 'Photo Test', passwordHash: 'unused' })
        .returning({ id: admins.id });
      adminId = admin!.id;
      const [row] = await backends.db.db
        .select({ id: restaurants.id, slug: restaurants.slug, city: cities.slug, itemId: menuItems.id })
        .from(menuItems)
        .innerJoin(restaurants, eq(restaurants.id, menuItems.restaurantId))
        .innerJoin(cities, eq(cities.id, restaurants.cityId))
        .where(and(eq(restaurants.isOpen, true), eq(menuItems.name, 'Paneer Tikka')))
        .limit(1);
      place = { id: row!.id, slug: row!.slug, city: row!.city };
      dish = { id: row!.itemId };
    });

    afterAll(async () => {
      await backends.db.db.delete(auditLog).where(eq(auditLog.adminId, adminId));
      await backends.db.db.delete(admins).where(eq(admins.id, adminId));
    });

    const cover = () => photoTarget({ slug: place.slug });
    const dishTarget = () => photoTarget({ slug: place.slug, id: String(dish.id) });

    it('stores a cover, invalidates the menu, listing and search of its city, and the next reads show it', async () => {
      await getRestaurantMenu(place.slug);
      await getCityRestaurants(place.city);
      expect((await getRestaurantMenu(place.slug)).cache.status).toBe('HIT');

      const response = await uploadPhoto(put(`/api/admin/restaurants/${place.slug}/photo`, await jpeg(2400, 1200)), cover(), adminId);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { status: string; photoUrl: string; invalidatedKeys: string[]; message: string };
      const derived = [keys.restaurantMenu(place.slug), keys.cityRestaurants(place.city), keys.citySearch(place.city)];
      expect(body).toMatchObject({ status: 'saved', invalidatedKeys: derived, message: expect.stringMatching(/1600 × 800/) });
      expect(body.photoUrl).toMatch(/^\/media\/[0-9a-f]{32}\.webp$/);
      expect(storedFiles()).toContain(path.basename(body.photoUrl));

      const menu = await getRestaurantMenu(place.slug);
      expect(menu.cache.status).toBe('MISS');
      expect(menu.value!.restaurant.photoUrl).toBe(body.photoUrl);
      expect((await getCityRestaurants(place.city)).value!.restaurants.find((r) => r.slug === place.slug)?.photoUrl).toBe(body.photoUrl);
      const [audit] = await backends.db.db.select().from(auditLog).where(eq(auditLog.adminId, adminId)).orderBy(desc(auditLog.id)).limit(1);
      expect(audit).toMatchObject({ action: 'restaurant.photo', target: `restaurant:${place.slug}`, invalidatedKeys: derived, changes: { photoUrl: { from: null, to: body.photoUrl } } });

      const served = await serveLocalPhoto(path.basename(body.photoUrl));
      expect(served.status).toBe(200);
      expect(Object.fromEntries(served.headers)).toMatchObject({
        'content-type': 'image/webp',
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
      });
      const bytes = Buffer.from(await served.arrayBuffer());
      expect((await sharp(bytes).metadata()).exif).toBeUndefined();
      expect(bytes.toString('latin1')).not.toContain('PhoneCo');
    });

    it('stores a dish photo, shown by the menu and by search', async () => {
      const response = await uploadPhoto(put(`/api/admin/restaurants/${place.slug}/items/${dish.id}/photo`, await jpeg()), dishTarget(), adminId);
      expect(response.status).toBe(200);
      const { photoUrl, invalidatedKeys } = (await response.json()) as { photoUrl: string; invalidatedKeys: string[] };
      expect(invalidatedKeys).toEqual([keys.restaurantMenu(place.slug), keys.citySearch(place.city)]);
      const item = (await getRestaurantMenu(place.slug)).value!.categories.flatMap((c) => c.items).find((i) => i.id === dish.id);
      expect(item?.photoUrl).toBe(photoUrl);
      const found = await searchCity(place.city, 'paneer tikka');
      expect(found.status === 'found' && found.results.dishes.find((hit) => hit.id === dish.id)?.photoUrl).toBe(photoUrl);
    });

    it('refuses a text file named .jpg, an oversize body (declared or streamed), a broken upload and an unknown target, changing nothing', async () => {
      const files = storedFiles();
      const auditCount = await backends.db.db.$count(auditLog);
      const url = `/api/admin/restaurants/${place.slug}/photo`;

      const text = await uploadPhoto(put(url, 'just some text', { 'content-type': 'image/jpeg' }), cover(), adminId);
      expect(text.status).toBe(415);
      expect(await text.json()).toEqual({ error: PHOTO_MESSAGES.notAnImage });

      const declared = await uploadPhoto(put(url, 'x', { 'content-length': String(MAX_PHOTO_BYTES + 1) }), cover(), adminId);
      expect(declared.status).toBe(413);
      expect(await declared.json()).toEqual({ error: PHOTO_MESSAGES.tooLarge });

      let sent = 0;
      const chunk = new Uint8Array(256 * 1024);
      const endless = new ReadableStream<Uint8Array>({
        pull(controller) {
          sent += chunk.length;
          if (sent > 50 * MAX_PHOTO_BYTES) controller.close();
          else controller.enqueue(chunk);
        },
      });
      const streamed = await uploadPhoto(put(url, endless), cover(), adminId);
      expect(streamed.status).toBe(413);
      // It stopped reading just past the limit, not at the end of the stream.
      expect(sent).toBeLessThan(MAX_PHOTO_BYTES + 4 * chunk.length);

      const broken = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array(1024));
          controller.error(new Error('connection reset'));
        },
      });
      const interrupted = await uploadPhoto(put(url, broken), cover(), adminId);
      expect(interrupted.status).toBe(400);
      expect(await interrupted.json()).toEqual({ error: 'The upload was interrupted: nothing was changed. Try again.' });

      expect((await uploadPhoto(put(url, await jpeg()), photoTarget({ slug: 'Not A Slug' }), adminId)).status).toBe(404);
      expect((await uploadPhoto(put(url, await jpeg()), photoTarget({ slug: place.slug, id: '0' }), adminId)).status).toBe(404);
      const foreignItem = await uploadPhoto(put(url, await jpeg(10, 10)), photoTarget({ slug: 'no-such-kitchen', id: String(dish.id) }), adminId);
      expect(foreignItem.status).toBe(404);

      expect(await backends.db.db.$count(auditLog)).toBe(auditCount);
      expect(storedFiles()).toEqual(files);
    });

    it('removes a photo, and the next menu read shows none', async () => {
      const response = await removePhoto(cover(), adminId);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'saved', photoUrl: null });
      const menu = await getRestaurantMenu(place.slug);
      expect(menu.cache.status).toBe('MISS');
      expect(menu.value!.restaurant.photoUrl).toBeNull();
    });

    it('serves only content-hash names from the folder', async () => {
      for (const name of ['../package.json', 'x.webp', `${'a'.repeat(32)}.svg`, `${'A'.repeat(32)}.webp`, '%2e%2e%2fetc%2fpasswd']) {
        expect((await serveLocalPhoto(name)).status).toBe(404);
      }
      expect((await serveLocalPhoto(`${'0'.repeat(32)}.webp`)).status).toBe(404);
    });
  });
}
