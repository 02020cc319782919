import 'server-only';

import { keyPrefix } from '@/lib/redis/keys';

/** The outbox's one Redis key (docs/decisions/041-invalidations-lost-by-redis.md); no hash tag: read alone. */
export const outboxKeys = {
  /** The highest outbox row id whose invalidation Redis took: a plain integer string, no TTL. */
  watermark: () => `${keyPrefix()}outbox:v1:applied`,
};
