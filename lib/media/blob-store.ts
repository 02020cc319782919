import 'server-only';

import { put } from '@vercel/blob';

import { MEDIA_CONTENT_TYPE, type MediaStore } from './store';

const ONE_YEAR_SECONDS = 31_536_000;

/** Photos in Vercel Blob (public store): served from Blob's CDN, never through this app. */
export function blobMediaStore(token: string): MediaStore {
  return {
    kind: 'blob',
    async put(name, bytes) {
      const blob = await put(`photos/${name}`, bytes, {
        access: 'public',
        token,
        contentType: MEDIA_CONTENT_TYPE,
        // The name is the content's hash: the same name always holds the same bytes.
        addRandomSuffix: false,
        allowOverwrite: true,
        cacheControlMaxAge: ONE_YEAR_SECONDS,
      });
      return blob.url;
    },
  };
}
