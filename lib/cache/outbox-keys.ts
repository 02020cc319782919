import 'server-only';

import { prefix } from './keys';

/** The outbox's one Redis key (docs/decisions/041-invalidations-lost-by-redis.md); no hash tag: read alone. */
export const outboxKeys = {
  /** The highest outbox row id whose invalidation Redis took: a plain integer string, no TTL. */
  watermark: () => `${prefix()}outbox:v1:applied`,
};
