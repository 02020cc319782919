import { PHOTO_BODY_LIMIT } from '@/lib/http/body-limits.mjs';

/**
 * What a photo upload may be, and the words for what it may not. Pure, so the admin's upload form
 * checks the same limits in the browser (a clear message before a byte is sent) as the server does.
 */

export const MAX_PHOTO_BYTES = PHOTO_BODY_LIMIT;
export const MAX_PHOTO_MEGABYTES = MAX_PHOTO_BYTES / 1024 / 1024;
/** Larger images are refused before decoding: a few kilobytes can declare gigapixels (a decompression bomb). */
export const MAX_PHOTO_PIXELS = 50_000_000;

/** The formats accepted, as the file picker's `accept` and as `sharp` names them after reading the bytes. */
export const PHOTO_ACCEPT = 'image/jpeg,image/png,image/webp,image/avif';

export type PhotoKind = 'cover' | 'dish';

/** Photos are re-encoded to fit inside these boxes (never enlarged): what a card or a banner needs at 2x. */
export const PHOTO_MAX_SIZE: Record<PhotoKind, { width: number; height: number }> = {
  cover: { width: 1600, height: 1200 },
  dish: { width: 800, height: 800 },
};

export const PHOTO_MESSAGES = {
  notAnImage: 'That file is not a JPEG, PNG, WebP or AVIF image.',
  tooLarge: `Photos can be at most ${MAX_PHOTO_MEGABYTES} MB.`,
  tooManyPixels: `That image is too large to process: at most ${MAX_PHOTO_PIXELS / 1_000_000} megapixels.`,
  empty: 'Choose a photo to upload.',
} as const;
