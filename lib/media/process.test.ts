import { crc32, deflateSync } from 'node:zlib';

import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';

import { MAX_PHOTO_PIXELS, PHOTO_MAX_SIZE, PHOTO_MESSAGES } from './limits';
import { processPhoto } from './process';

/** Real images made here, so the test needs no fixtures: a gradient, with whatever metadata asked for. */
function picture(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: { r: 230, g: 120, b: 40 } } });
}

/** A PNG declaring `width` × `height` whose data is one row of zeros: a few hundred bytes claiming gigapixels. */
function bombPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const row = deflateSync(Buffer.alloc(1 + width * 3));
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', row), chunk('IEND', Buffer.alloc(0))]);
}

describe('processPhoto', () => {
  it('re-encodes a JPEG to WebP with its EXIF (GPS included) gone and its orientation applied', async () => {
    const jpeg = await picture(40, 20)
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExifMerge({ IFD0: { Copyright: 'Owner', Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '12/1 58/1 0/1' } })
      .toBuffer();
    const input = await sharp(jpeg).metadata();
    expect(input.exif).toBeDefined();
    expect(input.orientation).toBe(6);

    const result = await processPhoto(jpeg, 'dish');
    if (!result.ok) throw new Error(result.message);
    const output = await sharp(result.photo.bytes).metadata();
    expect(output.format).toBe('webp');
    expect(output.exif).toBeUndefined();
    expect(output.icc).toBeUndefined();
    expect(output.xmp).toBeUndefined();
    expect(output.orientation).toBeUndefined();
    // Orientation 6 is a quarter turn: the stored photo is upright, so 20 × 40.
    expect([output.width, output.height]).toEqual([20, 40]);
    expect(result.photo).toMatchObject({ width: 20, height: 40, name: expect.stringMatching(/^[0-9a-f]{32}\.webp$/) });
    expect(result.photo.bytes.toString('latin1')).not.toContain('PhoneCo');
  });

  it('accepts PNG, WebP and AVIF, and names a photo by its content', async () => {
    for (const encode of [(s: Sharp) => s.png(), (s: Sharp) => s.webp(), (s: Sharp) => s.avif()]) {
      const bytes = await encode(picture(30, 30)).toBuffer();
      const first = await processPhoto(bytes, 'dish');
      const again = await processPhoto(bytes, 'dish');
      expect(first.ok && again.ok && first.photo.name === again.photo.name).toBe(true);
    }
  });

  it('shrinks to fit its box, keeping the shape, and never enlarges', async () => {
    const wide = await processPhoto(await picture(3200, 1000).jpeg().toBuffer(), 'cover');
    expect(wide.ok && [wide.photo.width, wide.photo.height]).toEqual([PHOTO_MAX_SIZE.cover.width, 500]);
    const tall = await processPhoto(await picture(900, 1800).png().toBuffer(), 'dish');
    expect(tall.ok && [tall.photo.width, tall.photo.height]).toEqual([400, PHOTO_MAX_SIZE.dish.height]);
    const small = await processPhoto(await picture(120, 90).jpeg().toBuffer(), 'cover');
    expect(small.ok && [small.photo.width, small.photo.height]).toEqual([120, 90]);
  });

  it('refuses a text file named like a JPEG, an SVG, a GIF, a truncated JPEG and nothing at all', async () => {
    const notAnImage = { ok: false, reason: 'notAnImage', message: PHOTO_MESSAGES.notAnImage };
    expect(await processPhoto(Buffer.from('this is not a photo, whatever its name says\n'), 'dish')).toEqual(notAnImage);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    expect(await processPhoto(svg, 'dish')).toEqual(notAnImage);
    expect(await processPhoto(await picture(10, 10).gif().toBuffer(), 'dish')).toEqual(notAnImage);
    const jpeg = await picture(200, 200).jpeg().toBuffer();
    expect(await processPhoto(jpeg.subarray(0, 300), 'dish')).toEqual(notAnImage);
    expect(await processPhoto(Buffer.alloc(0), 'dish')).toEqual({ ok: false, reason: 'empty', message: PHOTO_MESSAGES.empty });
  });

  it('refuses a decompression bomb from its header, before decoding a pixel', async () => {
    const bomb = bombPng(100_000, 100_000);
    expect(bomb.length).toBeLessThan(1_000);
    expect((await sharp(bomb, { limitInputPixels: false }).metadata()).width).toBe(100_000);
    const started = performance.now();
    expect(await processPhoto(bomb, 'cover')).toEqual({ ok: false, reason: 'tooManyPixels', message: PHOTO_MESSAGES.tooManyPixels });
    expect(performance.now() - started).toBeLessThan(1_000);
    // Just over the limit is refused too; the limit itself is a real photo's size.
    const side = Math.ceil(Math.sqrt(MAX_PHOTO_PIXELS)) + 1;
    expect(await processPhoto(bombPng(side, side), 'cover')).toMatchObject({ reason: 'tooManyPixels' });
  });
});
