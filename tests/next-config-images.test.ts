import { hasRemoteMatch } from 'next/dist/shared/lib/match-remote-pattern';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { blobStoreHost } from '@/lib/media/remote-images';

/**
 * Attack review: `images.remotePatterns` allowed `*.public.blob.vercel-storage.com`, every Vercel
 * customer's Blob store, so anyone could have this server's image optimizer fetch and resize
 * pictures from a store of their own (on Vercel, billed per source image).
 */
async function remotePatternsWith(token: string | undefined) {
  vi.resetModules();
  vi.stubEnv('BLOB_READ_WRITE_TOKEN', token ?? '');
  const { default: config } = await import('../next.config');
  return config.images?.remotePatterns ?? [];
}

/** Whether next/image would fetch `url` through the optimizer, as Next decides it. */
async function optimizes(url: string, token: string | undefined): Promise<boolean> {
  return hasRemoteMatch([], (await remotePatternsWith(token)) as Parameters<typeof hasRemoteMatch>[1], new URL(url));
}

const TOKEN = 'vercel_blob_rw_Kx8ExoePwEu2x6uT_8dHKlq0mW3zYpR7sT9vB2cN4xJ6';

describe('next.config images.remotePatterns', () => {
  afterEach(() => vi.unstubAllEnvs());

  it("takes photos from this deployment's own Blob store", async () => {
    expect(blobStoreHost(TOKEN)).toBe('kx8exoepweu2x6ut.public.blob.vercel-storage.com');
    expect(await optimizes('https://kx8exoepweu2x6ut.public.blob.vercel-storage.com/photos/ab12.webp', TOKEN)).toBe(true);
  });

  it("refuses another store's pictures, and every remote picture without a token", async () => {
    expect(await optimizes('https://attackerstore.public.blob.vercel-storage.com/photos/x.png', TOKEN)).toBe(false);
    expect(await optimizes('https://kx8exoepweu2x6ut.public.blob.vercel-storage.com/other/x.png', TOKEN)).toBe(false);
    expect(await optimizes('https://attackerstore.public.blob.vercel-storage.com/photos/x.png', undefined)).toBe(false);
    for (const token of ['', 'not-a-token', 'vercel_blob_rw_', 'vercel_blob_rw_a.b_secret']) expect(blobStoreHost(token), token).toBeNull();
  });
});
