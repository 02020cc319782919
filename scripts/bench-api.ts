// npm run bench:api: the warm menu API against its floor, a bare Next route serving the same JSON,
// in interleaved pairs (the API section of `npm run bench`, with a spread; docs/performance.md).
//
//   npm run build && npm run bench:api
//
// Starts Thali's production server (scripts/bench-server.ts) and the floor app (scripts/bench-floor.ts,
// built from this run's captured output), then runs BENCH_PAIRS (15) pairs of BENCH_SECONDS (2) s
// autocannon rounds at BENCH_CONNECTIONS (50), the order alternating (scripts/bench-pairs.ts), for:
//   api      GET /api/restaurants/<slug>/menu (cache HIT) through the proxy and the limiter
//   exempt   the same request with x-thali-bench-exempt: 1 (no limiter call; ENABLE_BENCH_ROUTES on)
// each against the floor route. Prints the median pair ratio with its interquartile range and the
// verdict on the 0.95 target, and the same comparison from each server's CPU time per request
// (scripts/bench-cpu.ts), which other load on a shared machine disturbs far less.
import { BENCH_EXEMPT_HEADER } from '@/lib/ratelimit/policies';

import { startFloor } from './bench-floor';
import { pair, redisCommandsPerRequest, round, spread, verdict, type Load, type Target } from './bench-pairs';
import { BENCH_REDIS_URL, startBenchServer } from './bench-server';

const PORT = Number(process.env.BENCH_PORT ?? 4200);
const LOAD: Load = { connections: Number(process.env.BENCH_CONNECTIONS ?? 50), seconds: Number(process.env.BENCH_SECONDS ?? 2) };
const PAIRS = Number(process.env.BENCH_PAIRS ?? 15);
const PREFIX = 'thali-bench-api:';
/** The warm menu API's target share of the bare route's throughput (issue #12). */
const TARGET = 0.95;

const thali = await startBenchServer({
  port: PORT,
  keyPrefix: PREFIX,
  env: { TRUSTED_PROXIES: 'none', ENABLE_BENCH_ROUTES: 'true', RATE_LIMIT_API_PER_MINUTE: '1000000000', RATE_LIMIT_PAGE_PER_MINUTE: '1000000000' },
});
const stops: (() => unknown)[] = [() => thali.stop()];
try {
  const text = async (path: string) => (await fetch(thali.base + path)).text();
  const city = (JSON.parse(await text('/api/cities')) as { slug: string }[])[0]!.slug;
  const slug = (JSON.parse(await text(`/api/cities/${city}/restaurants`)) as { slug: string }[])[0]!.slug;
  const api = `/api/restaurants/${slug}/menu`;
  for (let i = 0; i < 3; i++) await text(api);
  const menuJson = await text(api);
  // The floor app wants pages too; the API comparison does not use them.
  const floor = await startFloor({ port: PORT + 1, captured: { home: '<body></body>', city: '<body></body>', menu: '<body></body>' }, menuJson });
  stops.push(() => floor.stop());
  const floorBody = await (await fetch(`${floor.base}/api/menu`)).text();
  if (floorBody !== menuJson) throw new Error('the floor route does not serve the same bytes as the API');

  const targets: Record<string, Target> = {
    api: { url: thali.base + api, pid: thali.pid },
    exempt: { url: thali.base + api, headers: { [BENCH_EXEMPT_HEADER]: '1' }, pid: thali.pid },
  };
  const floorTarget: Target = { url: `${floor.base}/api/menu`, pid: floor.pid };
  const commands = { api: await redisCommandsPerRequest(BENCH_REDIS_URL, PREFIX, targets.api!), exempt: await redisCommandsPerRequest(BENCH_REDIS_URL, PREFIX, targets.exempt!) };

  for (const target of [targets.api!, floorTarget, targets.exempt!, floorTarget]) await round(target, { ...LOAD, seconds: 3 });
  const ratios: Record<string, number[]> = { api: [], exempt: [] };
  const cpuRatios: Record<string, number[]> = { api: [], exempt: [] };
  const rps: Record<string, number[]> = { api: [], exempt: [], floor: [] };
  const cpuUs: Record<string, number[]> = { api: [], exempt: [], floor: [] };
  let failures = 0;
  for (let index = 0; index < PAIRS; index++) {
    for (const name of ['api', 'exempt'] as const) {
      const got = await pair(targets[name]!, floorTarget, LOAD, index);
      ratios[name]!.push(got.ratio);
      if (got.cpuRatio !== null) cpuRatios[name]!.push(got.cpuRatio);
      rps[name]!.push(got.a.rps);
      rps.floor!.push(got.b.rps);
      if (got.a.cpuUs !== null && got.b.cpuUs !== null) {
        cpuUs[name]!.push(got.a.cpuUs);
        cpuUs.floor!.push(got.b.cpuUs);
      }
      failures += got.a.failures + got.b.failures;
    }
  }

  console.log(`\nWarm GET ${api} against a bare Next route serving the same ${menuJson.length} bytes`);
  console.log(`${LOAD.connections} connections x ${LOAD.seconds} s per round, ${PAIRS} pairs per target\n`);
  console.table(
    Object.fromEntries(
      (['api', 'exempt'] as const).map((name) => {
        const s = spread(ratios[name]!);
        const c = cpuRatios[name]!.length > 0 ? spread(cpuRatios[name]!) : null;
        return [
          name === 'api' ? 'menu API (HIT)' : 'menu API, limiter-exempt',
          {
            'req/s, floor (medians)': `${Math.round(spread(rps[name]!).median)}, ${Math.round(spread(rps.floor!).median)}`,
            'ratio (median of pairs)': s.median.toFixed(3),
            'ratio IQR': `${s.q1.toFixed(3)} … ${s.q3.toFixed(3)}`,
            [`≥ ${TARGET}`]: verdict(s, TARGET),
            'CPU µs/req, floor': c ? `${Math.round(spread(cpuUs[name]!).median)}, ${Math.round(spread(cpuUs.floor!).median)}` : '',
            'CPU ratio (median)': c ? c.median.toFixed(3) : '',
            'CPU ratio IQR': c ? `${c.q1.toFixed(3)} … ${c.q3.toFixed(3)}` : '',
            'redis cmds/req': commands[name],
          },
        ];
      }),
    ),
  );
  for (const name of ['api', 'exempt']) {
    console.log(`${name}: throughput pair ratios ${ratios[name]!.map((r) => r.toFixed(3)).join(', ')}`);
    console.log(`${name}: CPU pair ratios (floor µs / Thali µs per request) ${cpuRatios[name]!.map((r) => r.toFixed(3)).join(', ')}`);
  }
  console.log(`non-2xx or failed responses during the rounds: ${failures}`);
  console.log('command: npm run build && npm run bench:api');
  if (failures > 0) process.exitCode = 1;
} finally {
  for (const stop of stops.reverse()) await stop();
}
