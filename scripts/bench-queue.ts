// npm run bench:queue: how soon the job worker picks a job up, and how many jobs a second it runs, per
// Redis driver. No Postgres, no Next build.
//
//   npm run bench:queue
//
// For each driver (in-process; TCP and Upstash REST when the real Redis at BENCH_REDIS_URL answers,
// Upstash through the local REST bridge), under a key prefix of its own that is deleted afterwards:
//
// - pickup latency: a worker (runWorker, pollMs = WORKER_POLL_MS, default 1,000) idles on an empty
//   queue; BENCH_SAMPLES (40) jobs are enqueued one at a time, each after a random pause, so they land
//   at random moments of the poll cycle. Measured: enqueue returned → handler started. Where the
//   driver blocks (BLMOVE) that is a few round trips; where it polls (LMOVE over REST) about half the
//   poll interval on average.
// - throughput: BENCH_JOBS (2,000) jobs are enqueued, then a worker with 1, then 4, claim loops runs
//   them all (until every one is acknowledged). Each job costs the worker about fourteen commands:
//   claim (LMOVE, ZADD lease, HGETALL, HINCRBY), the done marker (GET, SET NX), ack (DEL, LREM, ZREM),
//   the admin's finished list (ZADD, HINCRBY, ZCARD, ZRANGE, ZREM); the count is measured and printed.
//
// BENCH_DRIVERS (memory,tcp,upstash) picks drivers; BENCH_UPSTASH_JOBS (500) sizes Upstash's
// throughput runs. The whole run takes about two minutes.
import { queueKeys } from '@/lib/queue/keys';
import { getEnv } from '@/lib/env';
import { registerJobHandler, type QueueName } from '@/lib/queue';
import { pushJob } from '@/lib/queue/job-store';
import { runWorker } from '@/lib/queue/worker';

import { deleteKeysUnder } from '../tests/support/app-context';
import { portOpen } from '../tests/support/services';

import { benchDriver, counted, DRIVER_NAMES, type BenchDriver, type DriverName } from './bench-queue-drivers';

const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SAMPLES = positiveInt('BENCH_SAMPLES', 40);
const JOBS = positiveInt('BENCH_JOBS', 2_000);
// Over REST each command is an HTTP request: fewer jobs keep the whole run near two minutes.
const UPSTASH_JOBS = positiveInt('BENCH_UPSTASH_JOBS', Math.min(JOBS, 500));
const DRIVERS = driverList(process.env.BENCH_DRIVERS ?? DRIVER_NAMES.join(','));
const PREFIX = `thali-bench-queue:${process.pid}-${Math.random().toString(36).slice(2, 8)}:`;
// Read by lib/env.ts on its first use (it parses lazily), so every queue key below carries it.
process.env.REDIS_KEY_PREFIX = PREFIX;
if (!queueKeys.ready('default').startsWith(PREFIX)) throw new Error('REDIS_KEY_PREFIX was read before the benchmark set it');

const { WORKER_POLL_MS: POLL_MS, REDIS_TIMEOUT_MS } = getEnv();
const QUEUE: QueueName = 'default';
const JOB_TYPE = 'bench:noop';
const WARMUP_JOBS = 3;
const CONCURRENCIES = [1, 4] as const;
/** Each pickup sample waits this long plus a random part of a poll interval, so the previous job's ack is over. */
const PAUSE_FLOOR_MS = 50;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// The no-op handler, registered as an app feature registers its own; each phase says what a start means.
let onStart: () => void = () => {};
registerJobHandler(JOB_TYPE, async () => onStart());

interface Pickup {
  p50: number;
  p90: number;
  max: number;
  mean: number;
}
interface Throughput {
  concurrency: number;
  jobs: number;
  jobsPerSecond: number;
  enqueuePerSecond: number;
  commandsPerJob: number;
  errors: number;
}
type Result = { driver: BenchDriver; claims: string; pickup: Pickup; throughput: Throughput[] } | { driver: DriverName; skipped: string };

/** The driver's store for one phase: every phase starts from nothing and deletes what it wrote. */
async function withStore<T>(driver: BenchDriver, run: (store: ReturnType<typeof counted>) => Promise<T>): Promise<T> {
  const store = counted(await driver.create());
  try {
    return await run(store);
  } finally {
    // Deleted before closing: closing also ends a BLMOVE the stopped worker left waiting in Redis.
    await deleteKeysUnder(store.store, PREFIX);
    await store.store.close();
  }
}

/** Runs a worker on the bench queue until `until` settles, then stops it with its signal and waits for it. */
async function withWorker<T>(deps: { store: ReturnType<typeof counted>['store'] }, concurrency: number, until: () => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const worker = runWorker({ signal: controller.signal, pollMs: POLL_MS, concurrency, queues: [QUEUE], deps });
  try {
    return await until();
  } finally {
    controller.abort();
    await worker;
  }
}

/** Resolves with the time the next `count` handler starts happened; rejects after `timeoutMs`. */
function handlerStarts(count: number, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let started = 0;
    const timer = setTimeout(() => reject(new Error(`only ${started} of ${count} jobs started within ${timeoutMs} ms`)), timeoutMs);
    onStart = () => {
      started += 1;
      if (started < count) return;
      clearTimeout(timer);
      onStart = () => {};
      resolve(performance.now());
    };
  });
}

function pickupLatency(driver: BenchDriver): Promise<Pickup> {
  return withStore(driver, async ({ store }) =>
    withWorker({ store }, 1, async () => {
      const latencies: number[] = [];
      for (let i = -WARMUP_JOBS; i < SAMPLES; i++) {
        await sleep(PAUSE_FLOOR_MS + Math.random() * POLL_MS);
        const started = handlerStarts(1, POLL_MS * 5 + 5_000);
        await pushJob(QUEUE, { type: JOB_TYPE, payload: null }, { store });
        const returned = performance.now();
        const at = await started;
        if (i >= 0) latencies.push(at - returned);
      }
      const sorted = latencies.sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
      return { p50: at(0.5), p90: at(0.9), max: sorted[sorted.length - 1]!, mean: sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length };
    }),
  );
}

function throughput(driver: BenchDriver, jobs: number, concurrency: number): Promise<Throughput> {
  return withStore(driver, async ({ store, counts }) => {
    const enqueueStarted = performance.now();
    for (let i = 0; i < jobs; i++) await pushJob(QUEUE, { type: JOB_TYPE, payload: null }, { store });
    const enqueueMs = performance.now() - enqueueStarted;

    const before = { ...counts };
    const started = performance.now();
    const allStarted = handlerStarts(jobs, Math.max(60_000, jobs * 50));
    // Stopped once the last job has started; the worker resolves once the jobs in hand are acknowledged.
    await withWorker({ store }, concurrency, () => allStarted);
    const elapsedMs = performance.now() - started;

    const left = (await store.llen(queueKeys.ready(QUEUE))) + (await store.llen(queueKeys.processing(QUEUE)));
    if (left !== 0) throw new Error(`${driver.name}: ${left} jobs were still ready or in processing after the run`);
    return {
      concurrency,
      jobs,
      jobsPerSecond: (jobs / elapsedMs) * 1_000,
      enqueuePerSecond: (jobs / enqueueMs) * 1_000,
      commandsPerJob: (counts.commands - before.commands) / jobs,
      errors: counts.errors - before.errors,
    };
  });
}

async function measure(driver: BenchDriver): Promise<Result> {
  const probe = await driver.create();
  const claims = typeof probe.blmove === 'function' ? 'blocking (BLMOVE)' : `polling (LMOVE every ${POLL_MS} ms)`;
  await probe.close();
  console.log(`${driver.label}: pickup latency, ${SAMPLES} jobs…`);
  const pickup = await pickupLatency(driver);
  const results: Throughput[] = [];
  for (const concurrency of CONCURRENCIES) {
    const jobs = driver.name === 'upstash' ? UPSTASH_JOBS : JOBS;
    console.log(`${driver.label}: throughput, ${jobs} jobs, ${concurrency} claim loop(s)…`);
    results.push(await throughput(driver, jobs, concurrency));
  }
  return { driver, claims, pickup, throughput: results };
}

const runStarted = performance.now();
const reachable = DRIVERS.some((name) => name !== 'memory') && (await portOpen(REDIS_URL, 6379));
const results: Result[] = [];
for (const name of DRIVERS) {
  if (name !== 'memory' && !reachable) {
    results.push({ driver: name, skipped: `Redis at ${new URL(REDIS_URL).host} is not reachable` });
    continue;
  }
  const driver = benchDriver(name, REDIS_URL, REDIS_TIMEOUT_MS);
  try {
    results.push(await measure(driver));
  } finally {
    await driver.stop();
  }
}
report(results);

function report(all: Result[]): void {
  const ms = (value: number) => `${value < 10 ? value.toFixed(2) : Math.round(value)} ms`;
  const rate = (value: number | undefined) => (value === undefined ? '' : `${Math.round(value).toLocaleString('en-US')}`);
  console.log(
    `\nJob queue: ${SAMPLES} pickup samples; throughput runs of ${JOBS} jobs (Upstash ${UPSTASH_JOBS}); WORKER_POLL_MS=${POLL_MS}, REDIS_TIMEOUT_MS=${REDIS_TIMEOUT_MS}`,
  );
  for (const result of all) {
    if ('skipped' in result) continue;
    console.log(`\n${result.driver.label}, ${result.claims}`);
    console.table(
      result.throughput.map((run) => ({
        'claim loops': run.concurrency,
        jobs: run.jobs,
        'jobs/s': Math.round(run.jobsPerSecond),
        'enqueue/s (one caller)': Math.round(run.enqueuePerSecond),
        'worker commands/job': Number(run.commandsPerJob.toFixed(2)),
        'failed commands': run.errors,
      })),
    );
  }
  const at = (result: Extract<Result, { claims: string }>, concurrency: number) =>
    result.throughput.find((run) => run.concurrency === concurrency);
  console.log('\n| driver | claims | pickup p50 | p90 | max | mean | jobs/s, 1 loop | jobs/s, 4 loops | commands/job |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const result of all) {
    if ('skipped' in result) {
      console.log(`| ${result.driver} | skipped: ${result.skipped} | | | | | | | |`);
      continue;
    }
    const { p50, p90, max, mean } = result.pickup;
    const perJob = at(result, 1)?.commandsPerJob.toFixed(1) ?? '';
    console.log(
      `| ${result.driver.label} | ${result.claims} | ${ms(p50)} | ${ms(p90)} | ${ms(max)} | ${ms(mean)} | ${rate(at(result, 1)?.jobsPerSecond)} | ${rate(at(result, 4)?.jobsPerSecond)} | ${perJob} |`,
    );
  }
  const failed = all.reduce((sum, result) => sum + ('skipped' in result ? 0 : result.throughput.reduce((n, run) => n + run.errors, 0)), 0);
  if (failed > 0) console.log(`\n${failed} Redis commands failed during the throughput runs (timeouts?): those figures include the worker's retry pauses.`);
  const command = [settings(), 'npm run bench:queue'].filter(Boolean).join(' ');
  console.log(`\ncommand: ${command} (took ${Math.round((performance.now() - runStarted) / 1_000)} s)`);
}

function settings(): string {
  const names = ['BENCH_DRIVERS', 'BENCH_SAMPLES', 'BENCH_JOBS', 'BENCH_UPSTASH_JOBS', 'BENCH_REDIS_URL', 'WORKER_POLL_MS', 'REDIS_TIMEOUT_MS'];
  return names.flatMap((name) => (process.env[name] ? [`${name}=${process.env[name]}`] : [])).join(' ');
}

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`${name} must be a positive whole number, got "${raw}"`);
    process.exit(1);
  }
  return value;
}

function driverList(raw: string): DriverName[] {
  const names = raw.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !(DRIVER_NAMES as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) {
    console.error(`BENCH_DRIVERS must list some of ${DRIVER_NAMES.join(', ')}, got "${raw}"`);
    process.exit(1);
  }
  return names as DriverName[];
}
