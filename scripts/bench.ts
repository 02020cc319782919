// npm run bench: latency of the menu API through the cache, against the production build.
//
//   npm run build && npm run bench
//
// Starts the production server (scripts/serve.mjs) on its own port against a fresh `thali_bench`
// database on the real Postgres and its own key prefix on the real Redis (BENCH_DATABASE_URL /
// BENCH_REDIS_URL override them),
// then measures: the median latency of a cold request (cache MISS: Postgres, then a Redis write),
// of a warm one (cache HIT), and how many Postgres queries 100 warm requests cause (expect 0).
import { summary, timedGetter } from './bench-http';
import { startBenchServer } from './bench-server';

const PORT = Number(process.env.BENCH_PORT ?? 3200);
const COLD_SAMPLES = 60;
const WARM_SAMPLES = 500;

// Rate limits stay on (every request pays its check); the budget is raised because all ~700 requests
// come from one client.
const server = await startBenchServer({ port: PORT, keyPrefix: 'thali-bench:', env: { RATE_LIMIT_API_PER_MINUTE: '100000' } });
const base = server.base;
const timedGet = timedGetter(base);

try {
  const slugs = await restaurantSlugs();

  // Cold: each restaurant's first request is a MISS.
  const cold: number[] = [];
  for (const slug of slugs.slice(0, COLD_SAMPLES)) cold.push(await timedGet(`/api/restaurants/${slug}/menu`, 'MISS'));

  // Warm: one restaurant, already cached.
  const warmSlug = slugs[0]!;
  for (let i = 0; i < 20; i++) await timedGet(`/api/restaurants/${warmSlug}/menu`, 'HIT');
  const warm: number[] = [];
  for (let i = 0; i < WARM_SAMPLES; i++) warm.push(await timedGet(`/api/restaurants/${warmSlug}/menu`, 'HIT'));

  const before = (await server.counters()).dbQueries;
  for (let i = 0; i < 100; i++) await timedGet(`/api/restaurants/${warmSlug}/menu`, 'HIT');
  const after = (await server.counters()).dbQueries;

  console.log('\nGET /api/restaurants/<slug>/menu, sequential requests over loopback');
  console.table({
    'cold (MISS)': summary(cold),
    'warm (HIT)': summary(warm),
  });
  console.log(`Postgres queries caused by 100 warm requests: ${after - before}`);
} finally {
  await server.stop();
}

async function restaurantSlugs(): Promise<string[]> {
  const cities = (await (await fetch(`${base}/api/cities`)).json()) as { slug: string }[];
  const slugs: string[] = [];
  for (const city of cities) {
    const list = (await (await fetch(`${base}/api/cities/${city.slug}/restaurants`)).json()) as { slug: string }[];
    slugs.push(...list.map((restaurant) => restaurant.slug));
  }
  return slugs;
}
