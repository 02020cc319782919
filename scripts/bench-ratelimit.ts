// npm run bench:ratelimit: what the rate limiter costs a warm request, on the menu API and a page.
//
//   npm run build && npm run bench:ratelimit
//
// Starts the production server (node scripts/serve.mjs, as `npm start` does) on its own port, against a
// `thali_bench` database on the real Postgres and its own key prefix on the real Redis (BENCH_DATABASE_URL,
// BENCH_REDIS_URL override them), with ENABLE_BENCH_ROUTES on and the api/page budgets raised so every
// request is allowed and really pays the limiter's Redis round trip. Two scenarios, each the same URL
// twice, the same warm (cache HIT) answer:
//
//   api    GET /api/restaurants/<slug>/menu    limited: proxy → `api` policy (one EVALSHA) → handler
//   page   GET /<city>/<slug> (the menu page)  limited: proxy → `page` policy (one EVALSHA) → render
//   exempt: the same request with `x-thali-bench-exempt: 1`, which skips the limiter only while
//           ENABLE_BENCH_ROUTES is on (lib/ratelimit/policies.ts)
//
// - throughput: autocannon, BENCH_CONNECTIONS (10) connections, BENCH_PAIRS (15) pairs of
//   BENCH_SECONDS (2) s rounds per scenario, the scenarios interleaved pair by pair and the order
//   within a pair alternating (scripts/bench-pairs.ts). Cost = 1 - median(limited / exempt), with the
//   interquartile range of the pair ratios as its spread and a verdict on the 5 % target.
// - Redis commands per request (MONITOR), limited and exempt: the limiter's share is the difference.
// - added latency: BENCH_SAMPLES (400) sequential keep-alive requests each, interleaved; p50 difference.
import http from 'node:http';

import { BENCH_DATABASE_URL, BENCH_REDIS_URL, startBenchServer } from './bench-server';
import { pair, redisCommandsPerRequest, round, spread, verdict, type Load, type Round, type Target } from './bench-pairs';

const PORT = Number(process.env.BENCH_PORT ?? 3201);
const LOAD: Load = { connections: Number(process.env.BENCH_CONNECTIONS ?? 10), seconds: Number(process.env.BENCH_SECONDS ?? 2) };
const PAIRS = Number(process.env.BENCH_PAIRS ?? 15);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 400);
const COMMAND = 'npm run build && npm run bench:ratelimit';
const PREFIX = 'thali-bench-rl:';
const EXEMPT = { 'x-thali-bench-exempt': '1' };
/** The limiter may cost at most this share of warm throughput (issue #12). */
const MAX_COST = 0.05;

const server = await startBenchServer({
  port: PORT,
  keyPrefix: PREFIX,
  env: { TRUSTED_PROXIES: 'none', ENABLE_BENCH_ROUTES: 'true', RATE_LIMIT_API_PER_MINUTE: '1000000000', RATE_LIMIT_PAGE_PER_MINUTE: '1000000000' },
});

try {
  const { city, slug } = await firstRestaurant(server.base);
  const scenarios = {
    api: `${server.base}/api/restaurants/${slug}/menu`,
    page: `${server.base}/${city}/${slug}`,
  };
  const both = (url: string): { limited: Target; exempt: Target } => ({ limited: { url }, exempt: { url, headers: EXEMPT } });
  const targets = { api: both(scenarios.api), page: both(scenarios.page) };
  await checkApiPaths(targets.api.limited, targets.api.exempt);

  // Counted before any load: right after one, the server's timers flush what the load accumulated.
  const commands: Record<string, { limited: number; exempt: number }> = {};
  for (const [name, pairOf] of Object.entries(targets)) {
    commands[name] = {
      limited: await redisCommandsPerRequest(BENCH_REDIS_URL, PREFIX, pairOf.limited),
      exempt: await redisCommandsPerRequest(BENCH_REDIS_URL, PREFIX, pairOf.exempt),
    };
  }

  // Warm both sides (JIT, pools, the limiter's script SHA mapping): a cold server favours whichever runs later.
  for (const pairOf of Object.values(targets)) for (const target of [pairOf.limited, pairOf.exempt, pairOf.limited, pairOf.exempt]) await round(target, { ...LOAD, seconds: 3 });

  const results: Record<string, { limited: Round[]; exempt: Round[]; ratios: number[] }> = {};
  for (let index = 0; index < PAIRS; index++) {
    for (const [name, pairOf] of Object.entries(targets)) {
      const got = await pair(pairOf.limited, pairOf.exempt, LOAD, index);
      const entry = (results[name] ??= { limited: [], exempt: [], ratios: [] });
      entry.limited.push(got.a);
      entry.exempt.push(got.b);
      entry.ratios.push(got.ratio);
    }
  }

  const sequential: Record<string, { limited: number; exempt: number }> = {};
  for (const [name, pairOf] of Object.entries(targets)) sequential[name] = await interleavedLatency(pairOf.limited, pairOf.exempt, SAMPLES, name === 'api');

  console.log(`\nThe rate limiter's cost on warm requests: the same URL through the limiter and exempt (x-thali-bench-exempt)`);
  console.log(`Redis ${new URL(BENCH_REDIS_URL).host}, Postgres ${new URL(BENCH_DATABASE_URL).host}, ${LOAD.connections} connections x ${LOAD.seconds} s per round, ${PAIRS} pairs per scenario\n`);
  const rows: Record<string, Record<string, string | number>> = {};
  let failures = 0;
  for (const [name, entry] of Object.entries(results)) {
    const ratios = spread(entry.ratios);
    failures += [...entry.limited, ...entry.exempt].reduce((sum, r) => sum + r.failures, 0);
    rows[`${name} (${new URL(scenarios[name as keyof typeof scenarios]).pathname})`] = {
      'limited req/s (median)': Math.round(spread(entry.limited.map((r) => r.rps)).median),
      'exempt req/s (median)': Math.round(spread(entry.exempt.map((r) => r.rps)).median),
      'cost, median of pairs': percent(1 - ratios.median),
      'cost IQR': `${percent(1 - ratios.q3)} … ${percent(1 - ratios.q1)}`,
      [`≤ ${percent(MAX_COST)}`]: verdict(ratios, 1 - MAX_COST),
      'redis cmds/req (limited, exempt)': `${commands[name]!.limited}, ${commands[name]!.exempt}`,
      'p50 ms added (sequential)': Math.round((sequential[name]!.limited - sequential[name]!.exempt) * 100) / 100,
    };
    console.log(`${name}: pair ratios limited/exempt ${entry.ratios.map((r) => r.toFixed(3)).join(', ')}`);
  }
  console.table(rows);
  console.log(`non-2xx or failed responses during the rounds: ${failures}`);
  console.log(`A verdict is "met" when the cost at the upper quartile of the pairs (lower-quartile ratio) is within ${percent(MAX_COST)}.`);
  console.log(`command: ${COMMAND}`);
  if (failures > 0) process.exitCode = 1;
} finally {
  await server.stop();
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}

/** The limited API answer carries the budget headers and the exempt one must not, or the comparison is void. */
async function checkApiPaths(limited: Target, exempt: Target): Promise<void> {
  const [a, b] = [await fetch(limited.url, { headers: limited.headers }), await fetch(exempt.url, { headers: exempt.headers })];
  await Promise.all([a.arrayBuffer(), b.arrayBuffer()]);
  if (a.status !== 200 || !a.headers.get('ratelimit-limit')) throw new Error(`${limited.url}: expected 200 with RateLimit-Limit, got ${a.status}`);
  if (b.status !== 200 || b.headers.get('ratelimit-limit')) throw new Error(`${exempt.url} (exempt): expected 200 without RateLimit-Limit, got ${b.status}`);
}

async function interleavedLatency(limited: Target, exempt: Target, samples: number, expectHit: boolean) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times = { limited: [] as number[], exempt: [] as number[] };
  for (let i = 0; i < samples; i++) {
    times.limited.push(await timedGet(limited, agent, expectHit));
    times.exempt.push(await timedGet(exempt, agent, expectHit));
  }
  agent.destroy();
  return { limited: spread(times.limited).median, exempt: spread(times.exempt).median };
}

/** One GET on the kept-alive connection; the answer must be a 200, and for the API a warm one (x-cache HIT; pages carry no such header). */
function timedGet(target: Target, agent: http.Agent, expectHit: boolean): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(target.url, { agent, headers: target.headers }, (response) => {
        response.resume();
        response.on('end', () => {
          if (response.statusCode !== 200 || (expectHit && response.headers['x-cache'] !== 'HIT')) {
            reject(new Error(`${target.url}: expected 200${expectHit ? ' HIT' : ''}, got ${response.statusCode} ${String(response.headers['x-cache'])}`));
          } else resolve(performance.now() - started);
        });
      })
      .on('error', reject);
  });
}

async function firstRestaurant(base: string): Promise<{ city: string; slug: string }> {
  const cities = (await (await fetch(`${base}/api/cities`)).json()) as { slug: string }[];
  const city = cities[0]!.slug;
  const list = (await (await fetch(`${base}/api/cities/${city}/restaurants`)).json()) as { slug: string }[];
  return { city, slug: list[0]!.slug };
}
