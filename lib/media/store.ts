import 'server-only';

/**
 * Where photos live, behind one interface (configured-store.ts picks one): a local folder by default,
 * Vercel Blob when BLOB_READ_WRITE_TOKEN is set. Names are content hashes (process.ts), so `put` of a
 * name that exists stores the same bytes again and nothing ever changes under a URL.
 */
export interface MediaStore {
  kind: 'local' | 'blob';
  /** Stores the bytes under `name` and answers the URL to show them at (a path or an absolute URL). */
  put(name: string, bytes: Buffer): Promise<string>;
}

/** `<32 hex digits>.webp`: the only names stored or served. */
export const MEDIA_NAME = /^[0-9a-f]{32}\.webp$/;
/** Where app/media serves the local store's photos. */
export const MEDIA_PATH_PREFIX = '/media/';

/** Whether a path is one app/media serves a photo at: `/media/<MEDIA_NAME>`. */
export function isMediaPath(pathname: string): boolean {
  return pathname.startsWith(MEDIA_PATH_PREFIX) && MEDIA_NAME.test(pathname.slice(MEDIA_PATH_PREFIX.length));
}
export const MEDIA_CONTENT_TYPE = 'image/webp';
/** Content-addressed, so a URL's bytes never change: cache them for a year, never revalidate. */
export const MEDIA_CACHE_CONTROL = 'public, max-age=31536000, immutable';

export class MediaUnavailableError extends Error {
  override name = 'MediaUnavailableError';
}
