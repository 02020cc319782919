// npm run bench:ratelimit: what the rate limiter costs a warm menu API request.
//
//   npm run build && npm run bench:ratelimit
//
// Starts the production server (node scripts/serve.mjs, as `npm start` does) on its own port, against a
// `thali_bench` database on the real Postgres and its own key prefix on the real Redis (BENCH_DATABASE_URL,
// BENCH_REDIS_URL override them), with ENABLE_BENCH_ROUTES on. Then, in the same run, against the same
// warm (cache HIT) menu and the same route handler:
//
//   limited  GET /api/restaurants/<slug>/menu                  proxy → `api` policy (one EVALSHA on Redis) → handler
//   exempt   GET /api/internal/bench/restaurants/<slug>/menu   proxy → exempt path (no limiter call)    → handler
//
// - throughput: autocannon, BENCH_CONNECTIONS (10) connections for BENCH_SECONDS (5) s per round, in
//   BENCH_PAIRS (6) back-to-back pairs of rounds, alternating which path goes first. Each pair gives
//   a ratio limited / exempt; the median pair is reported, so load from anything else on the machine
//   (which moves both rounds of a pair alike) cancels out rather than deciding the result.
// - added latency: BENCH_SAMPLES (1,000) sequential keep-alive requests to each, interleaved; the p50
//   difference is what the limiter adds to one request on an idle server.
// The `api` budget is raised so every request is allowed and really pays the Redis round trip.
import http from 'node:http';

import autocannon from 'autocannon';

import { BENCH_DATABASE_URL, BENCH_REDIS_URL, startBenchServer } from './bench-server';

const PORT = Number(process.env.BENCH_PORT ?? 3201);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 6);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 1_000);
const COMMAND = 'npm run build && npm run bench:ratelimit';

const server = await startBenchServer({
  port: PORT,
  keyPrefix: 'thali-bench-rl:',
  env: { TRUSTED_PROXIES: 'none', ENABLE_BENCH_ROUTES: 'true', RATE_LIMIT_API_PER_MINUTE: '1000000000' },
});
const base = server.base;

try {
  const slug = await firstSlug();
  const limited = `${base}/api/restaurants/${slug}/menu`;
  const exempt = `${base}/api/internal/bench/restaurants/${slug}/menu`;
  await checkPaths(limited, exempt);

  // Warm both (JIT, connection pools, the limiter's script SHA mapping) before measuring: rounds
  // measured on a cold server favour whichever path runs later.
  for (const url of [limited, exempt, limited, exempt]) await autocannon({ url, connections: CONNECTIONS, duration: 5 });

  type Round = { pair: number; path: 'limited' | 'exempt'; rps: number; p50: number; p99: number; non2xx: number; errors: number };
  const rounds: Round[] = [];
  const ratios: number[] = [];
  for (let pair = 0; pair < PAIRS; pair++) {
    const order = pair % 2 === 0 ? (['limited', 'exempt'] as const) : (['exempt', 'limited'] as const);
    const got: Partial<Record<Round['path'], Round>> = {};
    for (const path of order) {
      const result = await autocannon({ url: path === 'limited' ? limited : exempt, connections: CONNECTIONS, duration: SECONDS });
      const round = { pair, path, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors + result.timeouts };
      rounds.push(round);
      got[path] = round;
    }
    ratios.push(got.limited!.rps / got.exempt!.rps);
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  };
  const of = (path: Round['path'], pick: (round: Round) => number) => median(rounds.filter((round) => round.path === path).map(pick));
  const failures = rounds.reduce((sum, round) => sum + round.non2xx + round.errors, 0);

  const sequential = await interleavedLatency(limited, exempt, SAMPLES);

  console.log(`\nGET /api/restaurants/<slug>/menu (cache HIT), through the rate limiter vs the same handler on an exempt path`);
  console.log(`Redis ${new URL(BENCH_REDIS_URL).host}, Postgres ${new URL(BENCH_DATABASE_URL).host}, ${CONNECTIONS} connections x ${SECONDS} s per round, ${PAIRS} pairs\n`);
  console.table(rounds.map((round) => ({ ...round, rps: Math.round(round.rps) })));
  console.table({
    'through limiter': { 'median req/s': Math.round(of('limited', (r) => r.rps)), 'median p50 ms (loaded)': of('limited', (r) => r.p50), 'p50 ms (sequential)': round(sequential.limited) },
    exempt: { 'median req/s': Math.round(of('exempt', (r) => r.rps)), 'median p50 ms (loaded)': of('exempt', (r) => r.p50), 'p50 ms (sequential)': round(sequential.exempt) },
  });
  console.log(`throughput ratio (limited / exempt), median of ${PAIRS} pairs: ${median(ratios).toFixed(3)} (pairs: ${ratios.map((r) => r.toFixed(2)).join(', ')})`);
  console.log(`throughput ratio of the medians: ${(of('limited', (r) => r.rps) / of('exempt', (r) => r.rps)).toFixed(3)}`);
  console.log(`p50 latency the limiter adds (sequential, ${SAMPLES} requests each): ${round(sequential.limited - sequential.exempt)} ms`);
  console.log(`non-2xx or failed responses during the rounds: ${failures}`);
  console.log('Pairs spread by 10-20% on a shared 2-core machine (check exempt against itself): read a median near 1 as "below the noise".');
  console.log(`command: ${COMMAND}`);
  if (failures > 0) process.exitCode = 1;
} finally {
  await server.stop();
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

/** The limited path must carry the budget headers and the exempt one must not, or the comparison is void. */
async function checkPaths(limited: string, exempt: string): Promise<void> {
  const [a, b] = [await fetch(limited), await fetch(exempt)];
  await Promise.all([a.arrayBuffer(), b.arrayBuffer()]);
  if (a.status !== 200 || !a.headers.get('ratelimit-limit')) throw new Error(`${limited}: expected 200 with RateLimit-Limit, got ${a.status}`);
  if (b.status !== 200 || b.headers.get('ratelimit-limit')) throw new Error(`${exempt}: expected 200 without RateLimit-Limit, got ${b.status}`);
}

async function interleavedLatency(limited: string, exempt: string, samples: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times = { limited: [] as number[], exempt: [] as number[] };
  for (let i = 0; i < samples; i++) {
    times.limited.push(await timedGet(limited, agent));
    times.exempt.push(await timedGet(exempt, agent));
  }
  agent.destroy();
  const p50 = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
  return { limited: p50(times.limited), exempt: p50(times.exempt) };
}

function timedGet(url: string, agent: http.Agent): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (response) => {
        response.resume();
        response.on('end', () => {
          if (response.statusCode !== 200 || response.headers['x-cache'] !== 'HIT') {
            reject(new Error(`${url}: expected 200 HIT, got ${response.statusCode} ${String(response.headers['x-cache'])}`));
          } else resolve(performance.now() - started);
        });
      })
      .on('error', reject);
  });
}

async function firstSlug(): Promise<string> {
  const cities = (await (await fetch(`${base}/api/cities`)).json()) as { slug: string }[];
  const list = (await (await fetch(`${base}/api/cities/${cities[0]!.slug}/restaurants`)).json()) as { slug: string }[];
  return list[0]!.slug;
}
