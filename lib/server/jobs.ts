import 'server-only';

/**
 * Every module that registers job handlers (registerJobHandler) or recurring jobs
 * (registerRecurringJob), imported once by what runs jobs: the server at start-up (lib/server/startup.ts:
 * the in-process worker and the after-response drain), the cron route and `npm run worker`. The
 * queue itself never imports its users. Add a line per feature.
 */
import '@/lib/views/schedule';
import '@/lib/orders/jobs';
