import 'server-only';

import { sweepOutbox } from '@/lib/cache/outbox-retry';
import { singletons } from '@/lib/server/singletons';
import { getEnv, redisBackend } from '@/lib/env';
import { log } from '@/lib/log';
import { getRedis } from '@/lib/redis/client';

import { runWorker } from './worker';

/**
 * `npm run worker` (scripts/worker.ts): runs jobs, and sweeps the cache-invalidation outbox, until SIGTERM or SIGINT, then finishes the job in
 * hand, claims no more (a claim waiting on an empty queue is given up at once), closes its
 * connections (which ends a BLMOVE still waiting in Redis) and exits 0. A second signal while
 * finishing exits at once (1): the job is then redelivered after its visibility timeout.
 */
export async function runWorkerProcess(options: { concurrency?: number } = {}): Promise<never> {
  const env = getEnv();
  if (redisBackend(env) === 'memory') {
    log.error(
      'no shared Redis (REDIS_URL or UPSTASH_*) configured: with the in-process store, `npm run dev` runs the worker inside the server',
    );
    process.exit(1);
  }
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      log.warn('worker: second signal, exiting without finishing the current job', { signal });
      process.exit(1);
    }
    log.info('worker: stopping after the current job', { signal });
    controller.abort();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  const redis = getRedis();
  await redis.ping();
  log.info('worker started', {
    redis: redisBackend(env),
    claims: redis.blmove ? 'blocking (BLMOVE)' : 'polling',
    pollMs: env.WORKER_POLL_MS,
  });
  await Promise.all([
    runWorker({ signal: controller.signal, pollMs: env.WORKER_POLL_MS, concurrency: options.concurrency ?? 1 }),
    // Cache invalidations whose process died before Redis took them (lib/cache/outbox.ts).
    sweepOutbox(controller.signal),
  ]);
  const database = singletons().database;
  await Promise.allSettled([redis.close(), database?.close()]);
  log.info('worker stopped');
  process.exit(0);
}
