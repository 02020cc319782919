/**
 * The image optimizer's remote sources (next.config.ts `images.remotePatterns`): this deployment's own
 * Blob store, never `*.public.blob.vercel-storage.com`, which is every Vercel customer's store. With
 * the wildcard, anyone could upload pictures to a store of their own and have this server (or, on
 * Vercel, the image optimization billed per source image) fetch and resize each one.
 * No plain module imports: next.config loads it.
 */

export interface BlobRemotePattern {
  protocol: 'https';
  hostname: string;
  pathname: string;
  search: '';
}

/**
 * The public host of the store a read-write token (`vercel_blob_rw_<store id>_<secret>`) writes to,
 * as @vercel/blob names it; null for a value that is not such a token.
 */
export function blobStoreHost(token: string | undefined): string | null {
  const storeId = token?.trim().split('_')[3];
  if (!token?.trim().startsWith('vercel_blob_rw_') || !storeId || !/^[A-Za-z0-9]+$/.test(storeId)) return null;
  return `${storeId.toLowerCase()}.public.blob.vercel-storage.com`;
}

/** Remote sources for next/image: the configured store's photos only, none without a token. */
export function blobImagePatterns(token: string | undefined): BlobRemotePattern[] {
  const hostname = blobStoreHost(token);
  return hostname === null ? [] : [{ protocol: 'https', hostname, pathname: '/photos/**', search: '' }];
}
