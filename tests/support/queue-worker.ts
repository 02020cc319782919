// A real worker process for tests/integration/queue-kill.test.ts, run as
//   node --conditions=react-server --import tsx tests/support/queue-worker.ts <postgres url>
// configured like `npm run worker` through the environment (REDIS_URL or UPSTASH_*, the key prefix,
// QUEUE_VISIBILITY_TIMEOUT_MS…). Its one handler, `record`, writes every delivery to
// queue_kill_deliveries and its effect, idempotently (a unique job id), to queue_kill_effects,
// printing `started <jobId> <attempt>` and `effect <jobId> <attempt>`; on the first attempt it pauses
// (before or after the effect, as the payload says) so the test can kill it mid-job.
import postgres from 'postgres';

import { registerJobHandler } from '@/lib/queue';
import { runWorkerProcess } from '@/lib/queue/worker-process';

const sql = postgres(process.argv[2]!, { max: 2, onnotice: () => {} });

interface RecordPayload {
  pauseMs: number;
  effectFirst: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

registerJobHandler('record', async (payload, { jobId, attempt }) => {
  const { pauseMs, effectFirst } = payload as RecordPayload;
  await sql`insert into queue_kill_deliveries (job_id, attempt, pid) values (${jobId}, ${attempt}, ${process.pid})`;
  console.log(`started ${jobId} ${attempt}`);
  const pause = attempt === 1 ? pauseMs : 0;
  const effect = async () => {
    await sql`insert into queue_kill_effects (job_id, pid) values (${jobId}, ${process.pid}) on conflict (job_id) do nothing`;
    console.log(`effect ${jobId} ${attempt}`);
  };
  if (effectFirst) {
    await effect();
    await sleep(pause);
  } else {
    await sleep(pause);
    await effect();
  }
});

console.log('ready');
await runWorkerProcess();
