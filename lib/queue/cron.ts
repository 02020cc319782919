import 'server-only';

import { drainPending } from '@/lib/cache/outbox';
import { checkWatermark } from '@/lib/cache/outbox-watermark';
import { getEnv } from '@/lib/env';
import { hasBearer } from '@/lib/http/bearer';
import { log } from '@/lib/log';

import { drainQueues } from './drain';

/** What one cron invocation may do: bounded well inside a serverless function's time limit. */
export const CRON_DRAIN = { maxJobs: 100, maxMs: 25_000 } as const;

/**
 * The cron-invoked backstop (Vercel sends `Authorization: Bearer $CRON_SECRET`): cache invalidations
 * still pending (lib/cache/outbox.ts), one maintenance pass (reaps, promotes due delayed jobs, enqueues
 * due recurring jobs such as the counter flush), then up to CRON_DRAIN jobs. While CRON_SECRET is unset
 * the route is off: a 404 to whoever calls (no 5xx for an anonymous request, nothing said about the
 * setting) and a warning in the log for the operator. 401 on a missing or wrong secret.
 */
let warnedOff = false;

export async function handleQueueCron(request: Request): Promise<Response> {
  const headers = { 'cache-control': 'no-store' };
  const secret = getEnv().CRON_SECRET;
  if (!secret) {
    // Once per process: anyone can call it.
    if (!warnedOff) log.warn('the queue cron route was called, but CRON_SECRET is not set: it is off');
    warnedOff = true;
    return Response.json({ error: 'Not found.' }, { status: 404, headers });
  }
  if (!hasBearer(request, secret)) return Response.json({ error: 'unauthorized' }, { status: 401, headers });
  const invalidations = await drainPending().catch((error: unknown) => {
    log.warn('cron: pending cache invalidations could not be read', { error: error instanceof Error ? error.message : String(error) });
    return null;
  });
  // Invalidations Redis took and then lost (a failover): where no server process lives to watch (Vercel).
  await checkWatermark();
  try {
    const report = await drainQueues(CRON_DRAIN);
    return Response.json({ ok: true, ...report, invalidations }, { headers });
  } catch (error) {
    log.warn('queue cron drain failed', { error: error instanceof Error ? error.message : String(error) });
    return Response.json({ error: 'the queue could not be reached' }, { status: 503, headers });
  }
}
