import path from 'node:path';

import type { NextConfig } from 'next';

import { ACTION_BODY_LIMIT, LARGEST_BODY_LIMIT } from './lib/http/body-limits.mjs';
import { STATIC_SECURITY_HEADERS } from './lib/http/static-headers';
import { ILLUSTRATIONS_PATH } from './lib/illustrations/paths';
import { blobImagePatterns } from './lib/media/remote-images';

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
  // The shared pages' cache lives in Redis so every instance serves what any of them rendered and
  // none serves a page older than a save (lib/page-cache, docs/decisions/046); no copy in memory.
  cacheHandler: path.resolve(process.cwd(), 'lib/page-cache/next-cache-handler.mjs'),
  cacheMaxMemorySize: 0,
  reactStrictMode: true,
  images: {
    // Uploaded photos (docs/media.md): app/media serves the local folder; Vercel Blob serves its own.
    localPatterns: [{ pathname: '/media/**', search: '' }],
    // Only this deployment's own store (lib/media/remote-images.ts). Read here, not through lib/env.ts:
    // the config is loaded at build time too, where the rest of the server's settings need not be set.
    remotePatterns: blobImagePatterns(process.env.BLOB_READ_WRITE_TOKEN),
  },
  experimental: {
    // Integrity hashes on every script tag, so the public pages' policy can trust what the build made
    // (docs/decisions/014-security-headers-and-csp.md).
    sri: { algorithm: 'sha256' },
    // Bodies are refused by length before they are read (lib/http/body-limits.mjs); these bound what
    // Next itself buffers should one get past that, e.g. a client that lies about its length. The
    // proxy's copy must hold the largest body a route takes (a photo), or that route gets a cut-off one.
    serverActions: { bodySizeLimit: ACTION_BODY_LIMIT },
    proxyClientMaxBodySize: LARGEST_BODY_LIMIT,
  },
  async headers() {
    return [
      { source: '/:path*', headers: STATIC_SECURITY_HEADERS },
      // Illustration file names carry their content's hash (lib/illustrations), so they never change.
      { source: `${ILLUSTRATIONS_PATH}/:file*`, headers: [{ key: 'Cache-Control', value: 'public, max-age=31536000, immutable' }] },
    ];
  },
};

export default nextConfig;
