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
// - throughput: autocannon, BENCH_CONNECTIONS (10) connections, BENCH_PAIRS (12) pairs of
//   BENCH_SECONDS (2) s rounds (BENCH_PAGE_SECONDS, 4, for the page) per scenario, each followed by an
//   exempt/exempt control pair (A/A: the machine's own spread), the scenarios interleaved and the order
//   within a pair alternating (scripts/bench-pairs.ts). Cost = 1 - median(limited / exempt), with the
//   interquartile range of the pair ratios as its spread and a verdict on the 5 % target; the same
//   from the server's own CPU time per request in each round (scripts/bench-cpu.ts), the steadier
//   figure on a shared machine (a CPU-bound server's throughput is the inverse of it).
// - Redis commands per request (MONITOR), limited and exempt: the limiter's share is the difference.
// - added latency: BENCH_SAMPLES (400) sequential keep-alive requests each, interleaved; p50 difference.
import http from 'node:http';

import { BENCH_EXEMPT_HEADER } from '@/lib/ratelimit/policies';

import { BENCH_DATABASE_URL, BENCH_REDIS_URL, startBenchServer } from './bench-server';
import { pair, redisCommandsPerRequest, round, spread, verdict, type Load, type Round, type Target } from './bench-pairs';

const PORT = Number(process.env.BENCH_PORT ?? 3201);
const LOAD: Load = { connections: Number(process.env.BENCH_CONNECTIONS ?? 10), seconds: Number(process.env.BENCH_SECONDS ?? 2) };
const PAIRS = Number(process.env.BENCH_PAIRS ?? 12);
/** A page costs ~10x an API call: longer rounds so each completes enough requests. */
const PAGE_SECONDS = Number(process.env.BENCH_PAGE_SECONDS ?? 4);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 400);
const COMMAND = 'npm run build && npm run bench:ratelimit';
const PREFIX = 'thali-bench-rl:';
const EXEMPT = { [BENCH_EXEMPT_HEADER]: '1' };
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
  const both = (url: string): { limited: Target; exempt: Target } => ({ limited: { url, pid: server.pid }, exempt: { url, headers: EXEMPT, pid: server.pid } });
  const targets = { api: both(scenarios.api), page: both(scenarios.page) };
  await checkApiPaths(targets.api.limited, targets.api.exempt);

  // Counted before any load: right after one, the server's timers flush what the load accumulated.
  const commands: Record<string, { limited: number; exempt: number }> = {};
  for (const [name, pairOf] of Object.entries(targets)) {
    commands[name] = {
      limited: await redisCommandsPerRequest(BENCH_REDIS_URL, PREFIX, pairOf.limited, 50),
      exempt: await redisCommandsPerRequest(BENCH_REDIS_URL, PREFIX, pairOf.exempt, 50),
    };
  }

  // Warm both sides (JIT, pools, the limiter's script SHA mapping): a cold server favours whichever runs later.
  for (const pairOf of Object.values(targets)) for (const target of [pairOf.limited, pairOf.exempt, pairOf.limited, pairOf.exempt]) await round(target, { ...LOAD, seconds: 3 });

  // Each scenario also runs exempt against exempt (an A/A control): how far apart two identical
  // targets land on this machine, the yardstick for the limited/exempt spread.
  type Result = { limited: Round[]; exempt: Round[]; ratios: number[]; cpuRatios: number[]; controlRatios: number[]; controlCpuRatios: number[] };
  const results: Record<string, Result> = {};
  let failures = 0;
  for (let index = 0; index < PAIRS; index++) {
    for (const [name, pairOf] of Object.entries(targets)) {
      const load = { ...LOAD, seconds: name === 'page' ? PAGE_SECONDS : LOAD.seconds };
      const got = await pair(pairOf.limited, pairOf.exempt, load, index);
      const control = await pair(pairOf.exempt, pairOf.exempt, load, index);
      const entry = (results[name] ??= { limited: [], exempt: [], ratios: [], cpuRatios: [], controlRatios: [], controlCpuRatios: [] });
      entry.limited.push(got.a);
      entry.exempt.push(got.b);
      entry.ratios.push(got.ratio);
      if (got.cpuRatio !== null) entry.cpuRatios.push(got.cpuRatio);
      entry.controlRatios.push(control.ratio);
      if (control.cpuRatio !== null) entry.controlCpuRatios.push(control.cpuRatio);
      failures += [got.a, got.b, control.a, control.b].reduce((sum, r) => sum + r.failures, 0);
    }
  }

  const sequential: Record<string, { limited: number; exempt: number }> = {};
  for (const [name, pairOf] of Object.entries(targets)) sequential[name] = await interleavedLatency(pairOf.limited, pairOf.exempt, SAMPLES, name === 'api');

  console.log(`\nThe rate limiter's cost on warm requests: the same URL through the limiter and exempt (x-thali-bench-exempt)`);
  console.log(`Redis ${new URL(BENCH_REDIS_URL).host}, Postgres ${new URL(BENCH_DATABASE_URL).host}, ${LOAD.connections} connections x ${LOAD.seconds} s (page ${PAGE_SECONDS} s) per round, ${PAIRS} pairs per scenario\n`);
  const rows: Record<string, Record<string, string | number>> = {};
  for (const [name, entry] of Object.entries(results)) {
    const cost = (label: string, ratios: number[]) => {
      const s = spread(ratios);
      return {
        [`${label}: cost (median of pairs)`]: percent(1 - s.median),
        [`${label}: IQR`]: `${percent(1 - s.q3)} … ${percent(1 - s.q1)}`,
        [`${label}: ≤ ${percent(MAX_COST)}`]: verdict(s, 1 - MAX_COST),
      };
    };
    const cpu = (rounds: Round[]) => Math.round(spread(rounds.map((r) => r.cpuUs ?? Number.NaN)).median);
    rows[name] = {
      path: new URL(scenarios[name as keyof typeof scenarios]).pathname,
      'req/s limited, exempt (medians)': `${Math.round(spread(entry.limited.map((r) => r.rps)).median)}, ${Math.round(spread(entry.exempt.map((r) => r.rps)).median)}`,
      ...cost('throughput', entry.ratios),
      'server CPU µs/req limited, exempt (medians)': `${cpu(entry.limited)}, ${cpu(entry.exempt)}`,
      ...(entry.cpuRatios.length > 0 ? cost('CPU', entry.cpuRatios) : {}),
      'A/A control IQR, throughput': iqr(entry.controlRatios),
      'A/A control IQR, CPU': iqr(entry.controlCpuRatios),
      'void pairs (a round served nothing)': entry.ratios.filter((r) => !Number.isFinite(r)).length,
      'redis cmds/req (limited, exempt)': `${commands[name]!.limited}, ${commands[name]!.exempt}`,
      'p50 ms added (sequential)': Math.round((sequential[name]!.limited - sequential[name]!.exempt) * 100) / 100,
    };
    console.log(`${name}: throughput pair ratios limited/exempt ${entry.ratios.map((r) => r.toFixed(3)).join(', ')}`);
    console.log(`${name}: CPU pair ratios exempt/limited per request ${entry.cpuRatios.map((r) => r.toFixed(3)).join(', ')}`);
  }
  // One scenario per column: the rows are long.
  console.table(Object.fromEntries(Object.keys(rows.api!).map((key) => [key, Object.fromEntries(Object.entries(rows).map(([name, row]) => [name, row[key]]))])));
  console.log(`non-2xx or failed responses during the rounds: ${failures}`);
  console.log(`A verdict is "met" when the cost at the upper quartile of the pairs (lower-quartile ratio) is within ${percent(MAX_COST)}.`);
  console.log('CPU: the server process\'s own CPU time per request (/proc), which other load on a shared machine disturbs far less than throughput; at saturation throughput is its inverse.');
  console.log(`command: ${COMMAND}`);
  if (failures > 0) process.exitCode = 1;
} finally {
  await server.stop();
}

/** The spread of A/A pair ratios, as a cost would read it. */
function iqr(ratios: number[]): string {
  if (ratios.filter(Number.isFinite).length === 0) return '';
  const s = spread(ratios);
  return `${percent(1 - s.q3)} … ${percent(1 - s.q1)} (median ${percent(1 - s.median)})`;
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
