// The production server both benchmarks measure: `node scripts/serve.mjs`, as `npm start` runs it, on
// its own port, against a seeded `thali_bench` database on the real Postgres and its own key prefix on
// the real Redis (BENCH_DATABASE_URL and BENCH_REDIS_URL override them). Rate limits stay on.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';

import postgres from 'postgres';
import { createClient } from 'redis';

import { connectPostgres } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { seed } from '@/db/seed';

export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/thali_bench';
export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface BenchServer {
  base: string;
  /** The server process, for its CPU time (scripts/bench-cpu.ts). */
  pid: number;
  /** The server's own counters (GET /api/health with its bearer secret): Postgres queries and the rest. */
  counters(): Promise<{ dbQueries: number }>;
  stop(): Promise<void>;
}

/** Starts the server once the build, the database and an empty key prefix are ready. */
export async function startBenchServer(options: {
  port: number;
  keyPrefix: string;
  env: Record<string, string>;
  /** Node flags before the script, e.g. `--cpu-prof` to profile the server (not allowed in NODE_OPTIONS). */
  nodeArgs?: string[];
}): Promise<BenchServer> {
  if (!fs.existsSync('.next/BUILD_ID')) {
    console.error('No production build found: run `npm run build` first.');
    process.exit(1);
  }
  await prepareDatabase();
  await clearPrefix(options.keyPrefix);
  // Health details need a bearer secret (or an admin session): one of this run's own.
  const healthSecret = randomBytes(24).toString('base64url');

  const server = spawn(process.execPath, [...(options.nodeArgs ?? []), 'scripts/serve.mjs', '-p', String(options.port), '-H', '127.0.0.1'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      OTP_SECRET: process.env.OTP_SECRET || 'bench-otp-secret-at-least-32-characters',
      SMS_SENDER: process.env.SMS_SENDER || 'outbox',
      DATABASE_URL: BENCH_DATABASE_URL,
      REDIS_URL: BENCH_REDIS_URL,
      REDIS_KEY_PREFIX: options.keyPrefix,
      UPSTASH_REDIS_REST_URL: '',
      UPSTASH_REDIS_REST_TOKEN: '',
      HEALTH_SECRET: healthSecret,
      ...options.env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    server.kill('SIGTERM');
    await clearPrefix(options.keyPrefix);
  };
  try {
    await waitForServer(base);
  } catch (error) {
    await stop();
    throw error;
  }
  const counters = async () => {
    const response = await fetch(`${base}/api/health`, { headers: { authorization: `Bearer ${healthSecret}` } });
    return ((await response.json()) as { counters: { dbQueries: number } }).counters;
  };
  return { base, pid: server.pid!, counters, stop };
}

async function waitForServer(base: string): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the server did not start');
}

async function prepareDatabase(): Promise<void> {
  const name = new URL(BENCH_DATABASE_URL).pathname.slice(1);
  const adminUrl = new URL(BENCH_DATABASE_URL);
  adminUrl.pathname = '/postgres';
  const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
  const exists = await admin`select 1 from pg_database where datname = ${name}`;
  if (exists.length === 0) await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const database = connectPostgres(BENCH_DATABASE_URL);
  await migrateDatabase(database);
  await seed(database.db);
  await database.close();
}

async function clearPrefix(prefix: string): Promise<void> {
  const redis = createClient({ url: BENCH_REDIS_URL });
  await redis.connect();
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
    if (keys.length > 0) await redis.del(keys);
  }
  await redis.quit();
}
