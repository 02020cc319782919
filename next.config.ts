import type { NextConfig } from 'next';

import { ACTION_BODY_LIMIT } from './lib/http/body-limits.mjs';
import { STATIC_SECURITY_HEADERS } from './lib/http/static-headers';

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: {
    // Integrity hashes on every script tag, so the public pages' policy can trust what the build made
    // (docs/decisions/014-security-headers-and-csp.md).
    sri: { algorithm: 'sha256' },
    // Bodies are refused by length before they are read (lib/http/body-limits.mjs); these bound what
    // Next itself buffers should one get past that, e.g. a client that lies about its length.
    serverActions: { bodySizeLimit: ACTION_BODY_LIMIT },
    proxyClientMaxBodySize: ACTION_BODY_LIMIT,
  },
  async headers() {
    return [{ source: '/:path*', headers: STATIC_SECURITY_HEADERS }];
  },
};

export default nextConfig;
