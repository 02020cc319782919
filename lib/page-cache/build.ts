import 'server-only';

import { readFileSync } from 'node:fs';
import path from 'node:path';

import { singletons } from '@/lib/server/singletons';

declare module '@/lib/server/singletons' {
  interface ProcessSingletons {
    pageBuildId?: string;
  }
}

/**
 * The build this server runs (`next build` writes `.next/BUILD_ID`). A rendered page names this
 * build's scripts and server actions, so pages are kept per build: after a deploy, or while two
 * builds share a Redis in a rolling one, each serves only what it rendered itself.
 */
export function buildId(): string {
  const shared = singletons();
  if (shared.pageBuildId === undefined) {
    try {
      shared.pageBuildId = readFileSync(path.join(process.cwd(), '.next', 'BUILD_ID'), 'utf8').trim() || 'unknown';
    } catch {
      // `next dev` has no build id (and renders per request anyway).
      shared.pageBuildId = 'development';
    }
  }
  return shared.pageBuildId;
}
