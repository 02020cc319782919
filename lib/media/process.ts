import 'server-only';

import { createHash } from 'node:crypto';

import sharp, { type Metadata } from 'sharp';

import { MAX_PHOTO_PIXELS, PHOTO_MAX_SIZE, PHOTO_MESSAGES, type PhotoKind } from './limits';

/**
 * An uploaded photo, trusted for nothing it claims: its type is what libvips finds in the bytes (not
 * the file name or the Content-Type), it is decoded under a pixel limit, turned upright by its EXIF
 * orientation, shrunk to fit its box and re-encoded to WebP with no metadata at all (no EXIF, so no
 * GPS position or camera serial leaves the admin's phone). The name is the content's hash, so a
 * stored photo never changes and can be cached forever.
 */

export interface ProcessedPhoto {
  bytes: Buffer;
  /** `<32 hex digits of the WebP's SHA-256>.webp` */
  name: string;
  width: number;
  height: number;
}

export type PhotoRefusal = 'empty' | 'notAnImage' | 'tooManyPixels';
export type PhotoResult = { ok: true; photo: ProcessedPhoto } | { ok: false; reason: PhotoRefusal; message: string };

const refuse = (reason: PhotoRefusal): PhotoResult => ({ ok: false, reason, message: PHOTO_MESSAGES[reason] });

const ACCEPTED = new Set(['jpeg', 'png', 'webp', 'avif']);

/** sharp calls AVIF (and HEIC) "heif"; only its AV1 flavour is AVIF. */
function formatOf(metadata: Metadata): string | undefined {
  return metadata.format === 'heif' ? (metadata.compression === 'av1' ? 'avif' : 'heic') : metadata.format;
}

export async function processPhoto(input: Buffer, kind: PhotoKind): Promise<PhotoResult> {
  if (input.length === 0) return refuse('empty');
  let metadata: Metadata;
  try {
    // The header alone, whatever size it declares: the pixel limit is checked below, with its own message.
    metadata = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    return refuse('notAnImage');
  }
  const format = formatOf(metadata);
  if (format === undefined || !ACCEPTED.has(format)) return refuse('notAnImage');
  if ((metadata.width ?? 0) * (metadata.height ?? 0) > MAX_PHOTO_PIXELS) return refuse('tooManyPixels');

  const box = PHOTO_MAX_SIZE[kind];
  try {
    const { data, info } = await sharp(input, { limitInputPixels: MAX_PHOTO_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: box.width, height: box.height, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    const name = `${createHash('sha256').update(data).digest('hex').slice(0, 32)}.webp`;
    return { ok: true, photo: { bytes: data, name, width: info.width, height: info.height } };
  } catch {
    // A header that parses over a body that doesn't (truncated, corrupt, or over the pixel limit).
    return refuse('notAnImage');
  }
}
