import { keyPrefix, MINUTE } from '@/lib/redis/keys';

import { buildId } from './build';

/**
 * The rendered shared pages (docs/decisions/046). Not in lib/cache's namespaces: a page is not read
 * through readThrough and has no generation of its own; it is valid while the generations of the
 * entries it was rendered from are (dependencies.ts).
 */
export const pageCacheKeys = {
  /**
   * One shared page of this build (build.ts): gzipped JSON PageEntry (HTML, RSC payload, the dependency
   * values it was rendered at), base64 so every driver carries it as text.
   */
  page: (sharedPath: string) => `${keyPrefix()}page:v1:${buildId()}:{${sharedPath}}`,
  /** The id of the page stored under `page`: what a warm request reads, to use its own decoded copy. */
  pageId: (sharedPath: string) => `${keyPrefix()}page:v1:${buildId()}:{${sharedPath}}:id`,
} as const;

/** The longest a rendered page is kept; each kind of page keeps it shorter where its parts need (dependencies.ts). */
export const PAGE_TTL_MS = 10 * MINUTE;
