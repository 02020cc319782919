// The long-lived job worker: `npm run worker`. Runs jobs from every queue (waiting on each with
// BLMOVE over TCP, polling over REST) and, on a timer, the maintenance pass: expired leases, due
// delayed jobs and recurring jobs such as the counter flush. Until SIGTERM/SIGINT: then it finishes
// the job in hand and exits 0. Needs a shared Redis (REDIS_URL or UPSTASH_*); with the in-process
// store `npm run dev` runs the worker inside the server instead.
import './load-env';
import '@/lib/server/jobs';
import { runWorkerProcess } from '@/lib/queue/worker-process';

await runWorkerProcess();
