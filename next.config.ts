import type { NextConfig } from 'next';

import { ILLUSTRATIONS_PATH } from './lib/illustrations/paths';
import { MAX_PHOTO_BYTES } from './lib/media/limits';

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
  reactStrictMode: true,
  images: {
    // Uploaded photos (docs/media.md): app/media serves the local folder; Vercel Blob serves its own.
    localPatterns: [{ pathname: '/media/**', search: '' }],
    remotePatterns: [{ protocol: 'https', hostname: '*.public.blob.vercel-storage.com', pathname: '/photos/**', search: '' }],
  },
  experimental: {
    // With a proxy, Next buffers each request body up to this before any route sees it. The largest
    // body the app takes is a photo upload; anything past it is refused there (413), so holding more
    // than a photo and a little would only cost memory.
    proxyClientMaxBodySize: MAX_PHOTO_BYTES + 64 * 1024,
  },
  async headers() {
    // Illustration file names carry their content's hash (lib/illustrations), so they never change.
    return [{ source: `${ILLUSTRATIONS_PATH}/:file*`, headers: [{ key: 'Cache-Control', value: 'public, max-age=31536000, immutable' }] }];
  },
};

export default nextConfig;
