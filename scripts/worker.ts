// The long-lived job worker: `npm run worker`. Runs jobs from every queue until SIGTERM/SIGINT, then
// finishes the job in hand and exits 0. Needs a shared Redis (REDIS_URL or UPSTASH_*); with the
// in-process store `npm run dev` runs the worker inside the server instead.
import '@/lib/queue/handlers';
import { runWorkerProcess } from '@/lib/queue/worker-process';

await runWorkerProcess();
