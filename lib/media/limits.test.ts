import { describe, expect, it } from 'vitest';

import { MAX_PHOTO_BYTES, MAX_PHOTO_MEGABYTES, PHOTO_MESSAGES } from './limits';

describe('photo size limit', () => {
  it('stays below what Vercel lets through (4.5 MB), so a photo too large gets our message there too', () => {
    expect(MAX_PHOTO_BYTES).toBeLessThanOrEqual(4_500_000);
  });

  it('is said in whole megabytes, as the form and the 413 show it', () => {
    expect(Number.isInteger(MAX_PHOTO_MEGABYTES)).toBe(true);
    expect(PHOTO_MESSAGES.tooLarge).toBe(`Photos can be at most ${MAX_PHOTO_MEGABYTES} MB.`);
  });
});
