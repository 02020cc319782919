// npm run bench:search: the search API cold (Postgres) and cached (Redis), against the production build.
//
//   npm run build && npm run bench:search
//
// Starts the production server (scripts/serve.mjs, as `npm start` does) against the seeded `thali_bench`
// database on the real Postgres and its own key prefix on the real Redis (BENCH_DATABASE_URL and
// BENCH_REDIS_URL override them), rate limits on with a raised budget. Then:
//
// - latency: sequential keep-alive requests. Cold: BENCH_SAMPLES (120) different searches, each a
//   MISS (one SQL statement, then a Redis write). Cached: one search, already stored, as often.
// - throughput: autocannon, BENCH_CONNECTIONS (10) connections for BENCH_SECONDS (5) s per round, in
//   BENCH_PAIRS (3) pairs of rounds alternating which goes first: cached rounds repeat one search;
//   cold rounds cycle through searches never asked before (the Postgres queries each round caused, from
//   /api/health, show they really missed). The median pair's ratio is reported, so load from anything
//   else on the machine moves both rounds of a pair alike.

import autocannon from 'autocannon';

import { summary, timedGetter } from './bench-http';
import { startBenchServer } from './bench-server';

const PORT = Number(process.env.BENCH_PORT ?? 3204);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 120);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 3);

const CITIES = ['bengaluru', 'mumbai', 'delhi', 'hyderabad', 'chennai', 'pune', 'kolkata', 'ahmedabad'];
const WORDS = ['biryani', 'biriyani', 'panner tikka', 'dosa', 'masala dosa', 'momos', 'pizza', 'butter chiken', 'gulab jamun', 'coffee', 'noodles', 'chaat', 'kebab', 'thali', 'rolls', 'saffron'];

const server = await startBenchServer({ port: PORT, keyPrefix: 'thali-bench-search:', env: { RATE_LIMIT_API_PER_MINUTE: '1000000000', RATE_LIMIT_NEW_SEARCHES_PER_MINUTE: '1000000000', RATE_LIMIT_SEARCHES_LOADED_PER_MINUTE: '1000000000' } });
const base = server.base;
const timedGet = timedGetter(base);
let fresh = 0;
/** A search no request has made yet (a number makes it new; it costs the same SQL as any other). */
const freshPath = () => {
  fresh += 1;
  return `/api/cities/${CITIES[fresh % CITIES.length]}/search?q=${encodeURIComponent(`${WORDS[fresh % WORDS.length]} ${fresh}`)}`;
};

try {
  // Warm the server (JIT, pools, the plan cache) before anything is measured.
  for (let i = 0; i < 40; i++) await timedGet(freshPath(), 'MISS');
  const cachedPath = '/api/cities/delhi/search?q=paneer%20tikka';
  await timedGet(cachedPath, 'MISS');

  const cold: number[] = [];
  const cached: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    cold.push(await timedGet(freshPath(), 'MISS'));
    cached.push(await timedGet(cachedPath, 'HIT'));
  }
  console.log('\nGET /api/cities/<city>/search?q=…, sequential keep-alive requests over loopback (interleaved)');
  console.table({ 'cold (MISS)': summary(cold), 'cached (HIT)': summary(cached) });

  const rows: Record<string, unknown>[] = [];
  const ratios: number[] = [];
  for (let pair = 0; pair < PAIRS; pair++) {
    const order = pair % 2 === 0 ? (['cached', 'cold'] as const) : (['cold', 'cached'] as const);
    const rps: Record<string, number> = {};
    for (const kind of order) {
      const queriesBefore = (await server.counters()).dbQueries;
      const requests = kind === 'cached' ? [{ path: cachedPath }] : [{ setupRequest: (request: { path: string }) => ({ ...request, path: freshPath() }) }];
      const result = await autocannon({ url: base, connections: CONNECTIONS, duration: SECONDS, requests });
      const queries = ((await server.counters()).dbQueries) - queriesBefore;
      rps[kind] = result.requests.average;
      rows.push({ pair, kind, 'req/s': Math.round(result.requests.average), 'p50 ms': result.latency.p50, 'p99 ms': result.latency.p99, requests: result.requests.total, 'Postgres queries': queries, 'non-2xx': result.non2xx, errors: result.errors + result.timeouts });
    }
    ratios.push(rps.cached! / rps.cold!);
  }
  console.log(`\nThroughput, ${CONNECTIONS} connections, ${SECONDS} s rounds`);
  console.table(rows);
  const sorted = [...ratios].sort((a, b) => a - b);
  console.log(`cached / cold throughput, median pair: ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)} (pairs: ${ratios.map((r) => r.toFixed(2)).join(', ')})`);
} finally {
  await server.stop();
}
