import 'server-only';

import { getEnv, redisBackend } from '@/lib/env';
import { log } from '@/lib/log';
import { singletons } from '@/lib/server/singletons';

import { runWorker } from './worker';

declare module '@/lib/server/singletons' {
  interface ProcessSingletons {
    /** The in-process worker of embedded mode. */
    queueWorker?: { controller: AbortController; done: Promise<void> };
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
  const controller = new AbortController();
  const done = runWorker({ signal: controller.signal, pollMs: env.WORKER_POLL_MS }).catch((error: unknown) => {
    log.error('in-process worker stopped', { error: error instanceof Error ? error.message : String(error) });
  });
  shared.queueWorker = { controller, done };
  log.info('job worker running in-process (embedded Redis)');
}

export async function stopEmbeddedWorker(): Promise<void> {
  const shared = singletons();
  const worker = shared.queueWorker;
  shared.queueWorker = undefined;
  if (!worker) return;
  worker.controller.abort();
  await worker.done;
}
