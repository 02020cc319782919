import 'server-only';

import { getEnv, redisBackend } from '@/lib/env';
import { log } from '@/lib/log';
import { singletons } from '@/lib/server/singletons';

import { runWorker } from './worker';

declare module '@/lib/server/singletons' {
  interface ProcessSingletons {
    /** The in-process worker of embedded mode: it runs until the process ends. */
    queueWorker?: Promise<void>;
  }
}

/**
 * Embedded mode: with the in-process Redis store, no other process can see the queue, so the
 * server runs the worker itself (started once per process from lib/server/startup.ts), recurring
 * jobs such as the counter flush included. With a shared Redis, run `npm run worker` (or rely on
 * the cron route on Vercel) instead.
 */
export function startEmbeddedWorker(): void {
  const env = getEnv();
  if (redisBackend(env) !== 'memory' || env.NODE_ENV === 'test') return;
  const shared = singletons();
  if (shared.queueWorker) return;
  shared.queueWorker = runWorker({ signal: new AbortController().signal, pollMs: env.WORKER_POLL_MS }).catch((error: unknown) => {
    log.error('in-process worker stopped', { error: error instanceof Error ? error.message : String(error) });
  });
  log.info('job worker running in-process (embedded Redis)');
}
