import { afterEach, describe, expect, it, vi } from 'vitest';

import { parseEnv } from '@/lib/env';
import { singletons } from '@/lib/server/singletons';

import { getMediaStore } from './configured-store';
import { MediaUnavailableError } from './store';

const put = vi.hoisted(() => vi.fn());
vi.mock('@vercel/blob', () => ({ put }));

function withEnv(env: Record<string, string>) {
  singletons().env = parseEnv({ NODE_ENV: 'test', ...env });
}

describe('getMediaStore', () => {
  afterEach(() => {
    singletons().env = undefined;
    put.mockReset();
  });

  it('uses the local folder by default', () => {
    withEnv({});
    expect(getMediaStore().kind).toBe('local');
  });

  it('stores in Vercel Blob when its token is set: public, under the content name, cached for a year', async () => {
    withEnv({ BLOB_READ_WRITE_TOKEN: 'vercel_blob_rw_store_secret' });
    put.mockResolvedValue({ url: 'https://store.public.blob.vercel-storage.com/photos/abc.webp' });
    const store = getMediaStore();
    expect(store.kind).toBe('blob');
    const bytes = Buffer.from('webp');
    expect(await store.put(`${'ab'.repeat(16)}.webp`, bytes)).toBe('https://store.public.blob.vercel-storage.com/photos/abc.webp');
    expect(put).toHaveBeenCalledWith(`photos/${'ab'.repeat(16)}.webp`, bytes, {
      access: 'public',
      token: 'vercel_blob_rw_store_secret',
      contentType: 'image/webp',
      addRandomSuffix: false,
      allowOverwrite: true,
      cacheControlMaxAge: 31_536_000,
    });
  });

  it('refuses to write to a Vercel function’s disk', () => {
    withEnv({ VERCEL: '1', DATABASE_URL: 'postgres://db.example/thali', REDIS_URL: 'redis://redis.example:6379' });
    expect(() => getMediaStore()).toThrow(MediaUnavailableError);
    expect(() => getMediaStore()).toThrow(/BLOB_READ_WRITE_TOKEN/);
  });
});
