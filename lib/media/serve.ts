import 'server-only';

import { getEnv } from '@/lib/env';

import { localMediaStore } from './local-store';
import { MEDIA_CACHE_CONTROL, MEDIA_CONTENT_TYPE, MEDIA_NAME } from './store';

/**
 * A photo from the local store (app/media/[name]). The type is always WebP, whatever was uploaded or
 * asked for, `nosniff` keeps browsers from guessing otherwise, and a name that isn't a content hash is
 * a 404 before the disk is touched (so no path can leave the folder).
 */
export async function serveLocalPhoto(name: string): Promise<Response> {
  const notFound = () => new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  if (!MEDIA_NAME.test(name)) return notFound();
  const bytes = await localMediaStore(getEnv().MEDIA_DIR).read(name);
  if (!bytes) return notFound();
  return new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': MEDIA_CONTENT_TYPE,
      'content-length': String(bytes.length),
      'cache-control': MEDIA_CACHE_CONTROL,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    },
  });
}
