import { handleQueueCron } from '@/lib/queue/cron';
import '@/lib/server/jobs';

/** Vercel cron (vercel.json): runs queued jobs once a minute as a backstop to the worker and after(). */
export const maxDuration = 60;

export async function GET(request: Request): Promise<Response> {
  return handleQueueCron(request);
}
