import 'server-only';

import { createClient } from 'redis';

/** Bounds each TCP (or TLS) connect attempt; commands never wait for it beyond their own budget. */
const CONNECT_TIMEOUT_MS = 2_000;
const MAX_RECONNECT_DELAY_MS = 2_000;
/** Hard cap on commands node-redis holds at once, so nothing can grow without bound. */
const MAX_QUEUED_COMMANDS = 1_000;

/**
 * A node-redis client set up for callers that have somewhere else to go when Redis is slow (the cache
 * falls back to Postgres, the rate limiter to its per-instance limiter): fail fast rather than queue.
 */
export function createNodeRedisClient(url: string, commandTimeoutMs?: number) {
  return createClient({
    url,
    // RESP2 keeps replies plain (flat arrays, string scores), the same shapes Upstash's REST API returns.
    RESP: 2,
    maintNotifications: 'disabled',
    // While reconnecting, reject at once instead of queueing work that would outlive its caller.
    disableOfflineQueue: true,
    commandsQueueMaxLength: MAX_QUEUED_COMMANDS,
    // node-redis drops commands still waiting to be written after this; callers time the reply themselves.
    // 0 when not given: node-redis's own default (5 s) would arm an AbortSignal.timeout per command
    // whose timer fires after every reply, about 2 % of a warm request's CPU (docs/performance.md).
    commandOptions: { timeout: commandTimeoutMs ?? 0 },
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      reconnectStrategy: (retries: number) =>
        Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS) + Math.floor(Math.random() * 100),
    },
  });
}

export type NodeRedisClient = ReturnType<typeof createNodeRedisClient>;
