// Moves live view counts from Redis to Postgres once, then exits: for a cron job or a scheduler where
// the queue's recurring flush job is off (COUNTER_FLUSH_INTERVAL_SECONDS=0) or no worker runs. Safe to
// run while a worker flushes too, and to rerun after a crash: it first finishes whatever an
// interrupted run left behind.
import './load-env';
import { getDatabase } from '@/db/client';
import { flushCounters } from '@/lib/views/flush';
import { redisBackend } from '@/lib/env';
import { log } from '@/lib/log';
import { getRedis } from '@/lib/redis/client';

if (redisBackend() === 'memory') {
  log.warn('no shared Redis (REDIS_URL or UPSTASH_*) configured: the in-process store is flushed by the server holding it');
  process.exit(0);
}

const database = getDatabase();
const redis = getRedis();
let failed = false;
try {
  const started = performance.now();
  const report = await flushCounters({ db: database.db, store: redis });
  log.info('counters flushed', { ...report, ms: Math.round(performance.now() - started) });
} catch (error) {
  failed = true;
  log.error('counter flush failed: rerun it; nothing is lost or counted twice', {
    error: error instanceof Error ? error.message : String(error),
  });
} finally {
  await Promise.allSettled([redis.close(), database.close()]);
}
process.exit(failed ? 1 : 0);
