import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { queueKeys } from '@/lib/queue/keys';
import { parseEnv } from '@/lib/env';
import { pushJob } from '@/lib/queue/job-store';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';

import { deleteKeysUnder } from '../support/app-context';
import { backendPairs } from '../support/backend-matrix';
import { TEST_POSTGRES_URL, TEST_REDIS_URL, uniquePrefix } from '../support/services';
import { startUpstashBridge, type UpstashBridge } from '@/lib/redis/upstash-bridge';

/**
 * `kill -9` of a real worker process (tests/support/queue-worker.ts) in the middle of a job, on the
 * shared backends (the in-process store can't be reached by another process). Another worker then
 * gets the job again once its lease expires, and the effect in Postgres happens exactly once:
 *
 * - killed after the effect, before the done marker: the handler runs again and its insert is keyed
 *   by the job id (ON CONFLICT DO NOTHING), so the second run adds nothing;
 * - killed before the effect: the second run makes it, once.
 *
 * A SIGTERM mid-job lets the job finish, claims no more, and exits 0.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const VISIBILITY_MS = 1_000;

interface Worker {
  process: ChildProcess;
  next(pattern: RegExp): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function startWorker(databaseUrl: string, env: Record<string, string>): Worker {
  const child = spawn(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', 'tests/support/queue-worker.ts', databaseUrl],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', UPSTASH_REDIS_REST_URL: '', UPSTASH_REDIS_REST_TOKEN: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  const lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async (pattern: RegExp): Promise<string> => {
    for (;;) {
      const line = await Promise.race([
        lines.next(),
        exited.then(({ code, stderr: err }) => {
          throw new Error(`worker exited (${code}) while waiting for ${pattern}:\n${err}`);
        }),
      ]);
      if (line.done) throw new Error(`worker output ended while waiting for ${pattern}:\n${stderr}`);
      if (pattern.test(line.value)) return line.value;
    }
  };
  return { process: child, next, exited };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting for the queue');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

for (const pair of await backendPairs({ sharedDriversOnly: true })) {
  const { driver } = pair;

  describe.skipIf(!pair.runnable)(pair.title('queue worker killed mid-job'), () => {
    let redis: RedisStore;
    let bridge: UpstashBridge | undefined;
    let admin: postgres.Sql;
    let sql: postgres.Sql;
    let databaseUrl: string;
    const databaseName = `thali_queue_kill_${driver.name}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const prefix = uniquePrefix(`queue-kill-${driver.name}`);
    let workerEnv: Record<string, string>;

    beforeAll(async () => {
      redis = await driver.create();
      singletons().env = parseEnv({ NODE_ENV: 'test', REDIS_KEY_PREFIX: prefix });
      // The test's own database with its own tables: the app schema is not involved.
      admin = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database "${databaseName}"`);
      const url = new URL(TEST_POSTGRES_URL);
      url.pathname = `/${databaseName}`;
      databaseUrl = url.toString();
      sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
      await sql`create table queue_kill_deliveries (job_id text not null, attempt int not null, pid int not null)`;
      await sql`create table queue_kill_effects (job_id text primary key, pid int not null)`;

      if (driver.name === 'upstash') bridge = await startUpstashBridge({ redisUrl: TEST_REDIS_URL, token: 'queue-kill-worker' });
      workerEnv = {
        NODE_ENV: 'test',
        REDIS_KEY_PREFIX: prefix,
        REDIS_TIMEOUT_MS: '5000',
        WORKER_POLL_MS: '50',
        QUEUE_VISIBILITY_TIMEOUT_MS: String(VISIBILITY_MS),
        ...(driver.name === 'upstash'
          ? { UPSTASH_REDIS_REST_URL: bridge!.url, UPSTASH_REDIS_REST_TOKEN: bridge!.token }
          : { REDIS_URL: TEST_REDIS_URL }),
      };
    });

    afterAll(async () => {
      await deleteKeysUnder(redis, prefix);
      await redis.close();
      await bridge?.close();
      await sql?.end();
      await admin?.unsafe(`drop database if exists "${databaseName}" with (force)`);
      await admin?.end();
      await driver.cleanup();
    });

    const rows = async (jobId: string) => ({
      deliveries: (await sql<{ attempt: number; pid: number }[]>`select attempt, pid from queue_kill_deliveries where job_id = ${jobId} order by attempt`).map(
        (row) => ({ ...row }),
      ),
      effects: (await sql<{ pid: number }[]>`select pid from queue_kill_effects where job_id = ${jobId}`).map((row) => ({ ...row })),
    });

    const queueEmpty = async () =>
      (await redis.llen(queueKeys.ready('default'))) === 0 && (await redis.llen(queueKeys.processing('default'))) === 0;

    for (const effectFirst of [true, false]) {
      it(`kill -9 ${effectFirst ? 'after' : 'before'} the effect: delivered again, effect exactly once`, async () => {
        const jobId = await pushJob('default', { type: 'record', payload: { pauseMs: 60_000, effectFirst } }, { store: redis });
        const first = startWorker(databaseUrl, workerEnv);
        await first.next(effectFirst ? new RegExp(`^effect ${jobId} 1$`) : new RegExp(`^started ${jobId} 1$`));
        first.process.kill('SIGKILL');
        expect((await first.exited).signal).toBe('SIGKILL');
        // Still claimed by the dead worker.
        expect(await redis.lrange(queueKeys.processing('default'), 0, -1)).toEqual([jobId]);

        const second = startWorker(databaseUrl, workerEnv);
        try {
          await second.next(new RegExp(`^effect ${jobId} 2$`));
          await waitFor(async () => (await queueEmpty()) && (await redis.exists([queueKeys.job('default', jobId)])) === 0);
        } finally {
          second.process.kill('SIGTERM');
        }
        const { code, stderr } = await second.exited;
        expect(code, stderr).toBe(0);

        const { deliveries, effects } = await rows(jobId);
        expect(deliveries.map((row) => row.attempt)).toEqual([1, 2]);
        expect(deliveries[0]!.pid).toBe(first.process.pid);
        expect(deliveries[1]!.pid).toBe(second.process.pid);
        expect(effects).toEqual([{ pid: effectFirst ? first.process.pid : second.process.pid }]);
      }, 60_000);
    }

    it('SIGTERM mid-job: the job finishes, no further job is claimed, exit 0', async () => {
      const jobId = await pushJob('default', { type: 'record', payload: { pauseMs: 1_500, effectFirst: false } }, { store: redis });
      const worker = startWorker(databaseUrl, workerEnv);
      await worker.next(new RegExp(`^started ${jobId} 1$`));
      worker.process.kill('SIGTERM');
      const later = await pushJob('default', { type: 'record', payload: { pauseMs: 0, effectFirst: false } }, { store: redis });
      const { code, stderr } = await worker.exited;
      expect(code, stderr).toBe(0);
      expect((await rows(jobId)).effects).toHaveLength(1);
      expect(await redis.exists([queueKeys.job('default', jobId)])).toBe(0);
      // Enqueued after the signal: left for the next worker.
      expect(await redis.lrange(queueKeys.ready('default'), 0, -1)).toEqual([later]);
      expect((await rows(later)).deliveries).toEqual([]);
      await redis.del([queueKeys.ready('default'), queueKeys.job('default', later)]);
    }, 60_000);
  });
}
