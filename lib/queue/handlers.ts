import 'server-only';

/**
 * Every module that registers job handlers (registerJobHandler) or recurring jobs
 * (registerRecurringJob) is imported here, once, so each place that runs jobs — `npm run worker`,
 * the in-process worker, the cron route and the after-response drain — knows all of them. Add a
 * line per feature.
 */
import '@/lib/views/schedule';
import '@/lib/orders/jobs';
