import 'server-only';

import { getDatabase } from '@/db/client';
import { prepareEmbeddedDatabase } from '@/db/prepare';
import { drainAfterRefusedWrites, resumePendingAtStart } from '@/lib/cache/outbox-retry';
import { watchForLostInvalidations } from '@/lib/cache/outbox-watermark';
import { ConfigError, getEnv, redisBackend } from '@/lib/env';
import { log } from '@/lib/log';
import { startEmbeddedWorker } from '@/lib/queue/embedded';
import { registerPhotoUploadGate } from '@/lib/media/upload-gate';
import { registerPageCache } from '@/lib/page-cache/handler';
import { describeRedis } from '@/lib/redis/client';
import { registerRenderFailed } from '@/lib/server/unavailable';

// Registers every job handler for the process, so the in-process worker and any drain after a
// response find them, whichever module graph enqueued the job.
import './jobs';

/**
 * Runs once when the server starts (instrumentation.ts), before it takes requests: configuration is
 * validated here rather than at build time, so `next build` needs no environment at all.
 */
export async function startServer(): Promise<void> {
  let env;
  try {
    env = getEnv();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`[thali] ${error.message}\n[thali] Fix the variables above and start again.`);
    process.exit(1);
  }

  const database = getDatabase();
  const redis = redisBackend(env);
  log.info('backends', {
    database: `${database.backend} (${database.description})`,
    redis: `${redis} (${describeRedis(env)})`,
    keyPrefix: env.REDIS_KEY_PREFIX ?? '(none)',
  });

  if (env.NODE_ENV === 'production' && redis === 'memory') {
    log.warn(
      'the in-process Redis store holds cache for this one server instance only: set REDIS_URL or ' +
        'UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN before running more than one instance',
    );
  }
  if (database.backend === 'pglite') await prepareEmbeddedDatabase(database);
  // Before the first request: Next's cacheHandler asks this for the shared pages (lib/page-cache).
  registerPageCache();
  // And scripts/serve.mjs this, before it lets a photo upload's body reach Next (lib/media/upload-gate.ts).
  registerPhotoUploadGate();
  // And instrumentation.ts this, so a page Postgres could not render answers 503 (lib/http/unavailable-answers.mjs).
  registerRenderFailed();
  // Cache invalidations a previous process committed but could not apply (lib/cache/outbox.ts).
  resumePendingAtStart();
  // And those a saver that has exited left while Redis refused writes (decision 049).
  drainAfterRefusedWrites();
  // And those Redis took and then lost (a failover, an older snapshot): lib/cache/outbox-watermark.ts.
  watchForLostInvalidations();
  // With the in-process store this server runs the jobs, recurring ones (the counter flush) included;
  // with a shared Redis, `npm run worker` or the cron route runs them.
  startEmbeddedWorker();
}
