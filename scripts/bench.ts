// npm run bench: Thali's pages and menu API against the framework's floor, side by side in one run.
//
//   npm run bench            (builds first; BENCH_SKIP_BUILD=1 reuses .next)
//
// Starts the production server (scripts/bench-server.ts: real Postgres, its own key prefix on the
// real Redis, rate limits on with raised budgets), captures its home, city and menu pages and the menu
// JSON, builds a bare Next app serving exactly those bytes (scripts/bench-floor.ts), then measures
// with autocannon (BENCH_CONNECTIONS 50, BENCH_SECONDS 5 per round, BENCH_ROUNDS 2 alternating; the
// median round): each Thali target and its floors, the Redis commands (MONITOR: one visitor at a time
// and under load) and Postgres queries (the server's counter) per warm request, the page weights, and Postgres 20 ms away (a delay proxy):
// warm against uncached (Redis unreachable, so every request reads Postgres). Prints a table and
// writes docs/bench/results.json and docs/bench/chart.svg. Pages are the shared pages every visitor
// gets (docs/decisions/046); a visitor with a cart (a real guest cart, made by the menu's ADD) gets
// the same menu page and asks for their cart and heart after load, measured as its own row; a
// signed-in customer with a cart (signed in through the outbox, as a script would) is counted in
// Redis commands per request.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

import autocannon from 'autocannon';

import { actionId, actionResult, callAction, cookiesFrom } from '../e2e/support/actions';
import { requestFrom } from '../e2e/support/loopback';
import { signedInCustomer } from '../e2e/support/scripted-sign-in';

import { startFloor } from './bench-floor';
import { monitorCommands } from './bench-pairs';
import { startDelayProxy } from './bench-delay-proxy';
import { printTable, writeResults, type Row } from './bench-report';
import { BENCH_DATABASE_URL, BENCH_REDIS_URL, startBenchServer, type BenchServer } from './bench-server';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const LOADED_SECONDS = 2;
const PORT = Number(process.env.BENCH_PORT ?? 4100);
const PREFIX = 'thali-bench:';
const UNLIMITED = { TRUSTED_PROXIES: 'none', ENABLE_BENCH_ROUTES: 'true', RATE_LIMIT_API_PER_MINUTE: '1000000000', RATE_LIMIT_PAGE_PER_MINUTE: '1000000000' };

if (!process.env.BENCH_SKIP_BUILD) {
  const build = spawnSync(process.execPath, [path.resolve('node_modules/next/dist/bin/next'), 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error('next build failed');
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** A URL to load, with request headers where a scenario needs them (a visitor's cookie). */
type Target = string | { url: string; headers: Record<string, string> };
const urlOf = (target: Target) => (typeof target === 'string' ? target : target.url);
const headersOf = (target: Target) => (typeof target === 'string' ? {} : target.headers);

/** `paths`: spread the requests over these paths of the target's origin, in turn, instead of its one URL. */
async function load(target: Target, seconds = SECONDS, options: { connections?: number; paths?: string[] } = {}) {
  const url = urlOf(target);
  const requests = options.paths?.map((path) => ({ path }));
  const result = await autocannon({ url, headers: headersOf(target), connections: options.connections ?? CONNECTIONS, duration: seconds, requests });
  if (result.non2xx + result.errors + result.timeouts > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50 };
}

/** Median req/s and p50 of each URL over ROUNDS rounds, the order alternating between rounds. */
async function compare(urls: Record<string, Target>): Promise<Record<string, { rps: number; p50: number }>> {
  const runs: Record<string, { rps: number; p50: number }[]> = {};
  for (let round = 0; round < ROUNDS; round++) {
    const names = round % 2 === 0 ? Object.keys(urls) : Object.keys(urls).reverse();
    for (const name of names) (runs[name] ??= []).push(await load(urls[name]!));
  }
  return Object.fromEntries(Object.entries(runs).map(([name, list]) => [name, { rps: median(list.map((r) => r.rps)), p50: median(list.map((r) => r.p50)) }]));
}

/**
 * Redis commands the server sends (MONITOR; not those a Lua script runs) and Postgres queries, per
 * request, over 20 sequential warm requests (the health reads count no Redis command).
 */
async function costs(server: BenchServer, target: Target): Promise<{ redis: number; pg: number }> {
  const monitor = await monitorCommands(BENCH_REDIS_URL, PREFIX);
  // The server's own timers (cache-stats flush, outbox, queue) send commands too: an idle window as
  // long as the measured one is counted and taken off.
  const started = performance.now();
  const before = (await server.counters()).dbQueries;
  for (let i = 0; i < 20; i++) await (await fetch(urlOf(target), { headers: headersOf(target) })).arrayBuffer();
  const pg = (await server.counters()).dbQueries - before;
  await new Promise((resolve) => setTimeout(resolve, 200));
  const busy = monitor.count();
  const elapsed = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, elapsed));
  const idle = monitor.count() - busy;
  await monitor.stop();
  return { redis: Math.max(0, Math.round(((busy - idle) / 20) * 10) / 10), pg: pg / 20 };
}

/**
 * Redis commands per request under load (MONITOR over LOADED_SECONDS at CONNECTIONS): concurrent
 * requests for one entry or page share its read (docs/decisions/050), so this is what a busy
 * server sends, where `costs` counts one visitor at a time.
 */
async function commandsUnderLoad(target: Target): Promise<number> {
  const monitor = await monitorCommands(BENCH_REDIS_URL, PREFIX);
  const result = await autocannon({ url: urlOf(target), headers: headersOf(target), connections: CONNECTIONS, duration: LOADED_SECONDS });
  const commands = monitor.count();
  await monitor.stop();
  return result.requests.total === 0 ? Number.NaN : Math.round((commands / result.requests.total) * 100) / 100;
}

const body = async (target: Target) => (await fetch(urlOf(target), { headers: headersOf(target) })).text();

/**
 * The cookies of a visitor whose guest cart holds one of the menu's dishes, made as a browser's first
 * ADD makes it: a guest id from POST /api/cart/guest, then the ADD's action with it.
 */
async function guestWithCart(base: string, menuPath: string, slug: string, menuJson: string): Promise<string> {
  const guest = await requestFrom('127.0.0.1', `${base}/api/cart/guest`, { method: 'POST', headers: { Origin: base } });
  const cookie = cookiesFrom(guest);
  if (guest.status !== 204 || !cookie.includes('thali_guest=')) throw new Error(`no guest id: ${guest.status} ${guest.body.slice(0, 200)}`);
  return withDish(base, menuPath, slug, menuJson, cookie);
}

/** `cookie`'s cookies after the menu's ADD put one of its dishes in their cart. */
async function withDish(base: string, menuPath: string, slug: string, menuJson: string, cookie: string): Promise<string> {
  const menu = JSON.parse(menuJson) as { categories: { items: { id: number; available: boolean }[] }[] };
  const item = menu.categories.flatMap((category) => category.items).find((candidate) => candidate.available)!.id;
  const id = actionId('addItem', 'app/[city]/[restaurant]/page');
  const added = await callAction({ base, path: menuPath, id, from: '127.0.0.1', args: [slug, item, false], headers: { cookie } });
  const outcome = actionResult<{ status: string }>(added);
  if (outcome.status !== 'added') throw new Error(`ADD did not add: ${added.status} ${JSON.stringify(outcome)}`);
  return cookiesFrom(added, cookie);
}

/** Every restaurant's menu page path, `/<city>/<restaurant>`, from the server's own API. */
async function restaurantPaths(base: string): Promise<string[]> {
  const cities = JSON.parse(await body(`${base}/api/cities`)) as { slug: string }[];
  const lists = await Promise.all(cities.map(async (c) => (JSON.parse(await body(`${base}/api/cities/${c.slug}/restaurants`)) as { slug: string }[]).map((r) => `/${c.slug}/${r.slug}`)));
  return lists.flat();
}

const thali = await startBenchServer({ port: PORT, keyPrefix: PREFIX, env: UNLIMITED });
const stops: (() => unknown)[] = [() => thali.stop()];
try {
  const cities = JSON.parse(await body(`${thali.base}/api/cities`)) as { slug: string }[];
  const city = cities[0]!.slug;
  // The first open restaurant: a cart can hold its dishes.
  const slug = (JSON.parse(await body(`${thali.base}/api/cities/${city}/restaurants`)) as { slug: string; isOpen: boolean }[]).find((r) => r.isOpen)!.slug;
  const paths = { api: `/api/restaurants/${slug}/menu`, menu: `/${city}/${slug}`, city: `/${city}`, home: '/' };
  const menuJson = await body(thali.base + paths.api);
  // A visitor with a cart: the shared menu page, then their own parts after load (docs/decisions/046).
  const cookie = await guestWithCart(thali.base, paths.menu, slug, menuJson);
  const perVisitor = { url: thali.base + paths.menu, headers: { cookie } };
  const visitorPath = `/api/restaurants/${slug}/visitor`;
  const visitorState = { url: thali.base + visitorPath, headers: { cookie } };
  for (let i = 0; i < 3; i++) for (const p of Object.values(paths)) await body(thali.base + p);
  for (let i = 0; i < 3; i++) for (const target of [perVisitor, visitorState]) await body(target);
  const captured = { home: await body(thali.base + paths.home), city: await body(thali.base + paths.city), menu: await body(thali.base + paths.menu) };
  const visitorJson = await body(visitorState);
  if (!visitorJson.includes('"itemId"')) throw new Error(`the visitor's cart is empty: ${visitorJson}`);

  // Counted before any load runs: right after one, the server's timers flush what the load accumulated.
  const exemptPath = `/api/internal/bench/restaurants/${slug}/menu`;
  const cost: Record<string, { redis: number; pg: number }> = {};
  for (const p of [...Object.values(paths), exemptPath]) cost[p] = await costs(thali, thali.base + p);
  const perVisitorCost = await costs(thali, perVisitor);
  const visitorStateCost = await costs(thali, visitorState);
  const loaded: Record<string, number> = {};
  for (const p of [...Object.values(paths), exemptPath]) loaded[p] = await commandsUnderLoad(thali.base + p);
  const perVisitorLoaded = await commandsUnderLoad(perVisitor);
  const visitorStateLoaded = await commandsUnderLoad(visitorState);
  // A signed-in customer with a cart: the same shared pages, then their own parts after load, which
  // read their session too (docs/decisions/061); counted only, one visitor at a time.
  const customer = await withDish(thali.base, paths.menu, slug, menuJson, await signedInCustomer(thali.base, '127.0.0.1'));
  const afterLoad = { menu: `their cart and heart after load (GET ${visitorPath.replace(slug, '<slug>')})`, city: "the header's cart count after load (GET /api/cart/count)" };
  const signedInTargets: Record<string, string> = { 'menu page': paths.menu, [afterLoad.menu]: visitorPath, 'city page': paths.city, [afterLoad.city]: '/api/cart/count' };
  const signedIn: Record<string, number> = {};
  for (const [name, p] of Object.entries(signedInTargets)) {
    const target = { url: thali.base + p, headers: { cookie: customer } };
    for (let i = 0; i < 3; i++) await body(target);
    signedIn[name] = (await costs(thali, target)).redis;
  }
  // A page view is the page and its request after load: issue #12 allows 5 (decision 078).
  signedIn['a menu page view (the page and after load; issue #12: ≤ 5)'] = signedIn['menu page']! + signedIn[afterLoad.menu]!;
  signedIn['a city page view (the page and after load; issue #12: ≤ 5)'] = signedIn['city page']! + signedIn[afterLoad.city]!;

  const floor = await startFloor({ port: PORT + 1, captured, menuJson, visitorJson });
  stops.push(() => floor.stop());
  const measured = await compare({
    api: thali.base + paths.api,
    'api (limiter-exempt)': thali.base + exemptPath,
    'floor route': `${floor.base}/api/menu`,
    menu: thali.base + paths.menu,
    'menu (a visitor with a cart)': perVisitor,
    'visitor state': visitorState,
    'floor visitor route': `${floor.base}/api/visitor`,
    'floor menu static': `${floor.base}/static/menu`,
    'floor menu dynamic': `${floor.base}/dynamic/menu`,
    city: thali.base + paths.city,
    'floor city static': `${floor.base}/static/city`,
    'floor city dynamic': `${floor.base}/dynamic/city`,
    home: thali.base + paths.home,
    'floor home static': `${floor.base}/static/home`,
    'floor home dynamic': `${floor.base}/dynamic/home`,
  });
  const rows: Row[] = [];
  const row = async (scenario: string, name: string, path: string, floorName?: string) => {
    rows.push({
      scenario,
      ...measured[name]!,
      ...(floorName ? { floor: { name: floorName, rps: measured[floorName]!.rps } } : {}),
      redisPerRequest: cost[path]!.redis,
      redisPerRequestLoaded: loaded[path],
      pgPerRequest: cost[path]!.pg,
      bytes: (await body(thali.base + path)).length,
    });
  };
  await row('menu API (HIT)', 'api', paths.api, 'floor route');
  await row('menu API, limiter-exempt path', 'api (limiter-exempt)', exemptPath, 'floor route');
  const visitorRow = { ...measured['menu (a visitor with a cart)']!, redisPerRequest: perVisitorCost.redis, redisPerRequestLoaded: perVisitorLoaded, pgPerRequest: perVisitorCost.pg, bytes: (await body(perVisitor)).length };
  rows.push({ scenario: 'menu page, a visitor with a cart (shared page)', ...visitorRow, floor: { name: 'floor menu dynamic', rps: measured['floor menu dynamic']!.rps } });
  rows.push({ scenario: 'menu page, a visitor with a cart (shared page)', ...visitorRow, floor: { name: 'floor menu static', rps: measured['floor menu static']!.rps } });
  rows.push({
    scenario: `their cart and heart after load (GET ${visitorPath.replace(slug, '<slug>')})`,
    ...measured['visitor state']!,
    floor: { name: 'floor visitor route', rps: measured['floor visitor route']!.rps },
    redisPerRequest: visitorStateCost.redis,
    redisPerRequestLoaded: visitorStateLoaded,
    pgPerRequest: visitorStateCost.pg,
    bytes: visitorJson.length,
  });
  for (const page of ['menu', 'city', 'home'] as const) {
    await row(`${page} page (warm)`, page, paths[page], `floor ${page} dynamic`);
    rows.push({ scenario: `${page} page (warm)`, ...measured[page]!, floor: { name: `floor ${page} static`, rps: measured[`floor ${page} static`]!.rps } });
  }
  for (const name of Object.keys(measured).filter((n) => n.startsWith('floor'))) rows.push({ scenario: name, ...measured[name]! });
  floor.stop();

  // Postgres 20 ms away: warm (Redis) against uncached (Redis unreachable: every request reads Postgres).
  const postgresUrl = new URL(BENCH_DATABASE_URL);
  const proxy = await startDelayProxy({ port: PORT + 5, target: { host: postgresUrl.hostname, port: Number(postgresUrl.port || 5432) }, oneWayMs: 10 });
  stops.push(() => proxy.close());
  const farUrl = new URL(BENCH_DATABASE_URL);
  farUrl.host = `127.0.0.1:${proxy.port}`;
  thali.stop();
  const warm = await startBenchServer({ port: PORT + 2, keyPrefix: 'thali-bench-far:', env: { ...UNLIMITED, DATABASE_URL: farUrl.toString() } });
  stops.push(() => warm.stop());
  const uncached = await startBenchServer({ port: PORT + 3, keyPrefix: 'thali-bench-far-none:', env: { ...UNLIMITED, DATABASE_URL: farUrl.toString(), REDIS_URL: 'redis://127.0.0.1:1' } });
  stops.push(() => uncached.stop());
  // Each page and the API on its one URL, then the API and the menu page spread over every restaurant:
  // concurrent requests for one address share one load or render (single-flight, Next's own), so only
  // the spread shows what a miss costs each request. Throughput at CONNECTIONS, and the p50 of one
  // visitor at a time (1 connection), which is what a visitor waits when the server is not saturated.
  const restaurants = await restaurantPaths(warm.base);
  const delayTargets: [string, string[]][] = [
    ...Object.entries(paths).map(([name, p]): [string, string[]] => [name, [p]]),
    [`api, spread over ${restaurants.length} restaurants`, restaurants.map((r) => `/api/restaurants/${r.split('/')[2]}/menu`)],
    [`menu, spread over ${restaurants.length} restaurants`, restaurants],
  ];
  const delay: Row[] = [];
  for (const [name, list] of delayTargets) {
    for (const p of list) for (let i = 0; i < 2; i++) await body(warm.base + p);
    const hot = await load(warm.base, 3, { paths: list });
    const cold = await load(uncached.base, 3, { paths: list });
    const hotAlone = await load(warm.base, 2, { paths: list, connections: 1 });
    const coldAlone = await load(uncached.base, 2, { paths: list, connections: 1 });
    delay.push({ scenario: `${name}, Postgres 20 ms away, warm`, ...hot, p50Alone: hotAlone.p50, floor: { name: 'uncached', rps: cold.rps } });
    delay.push({ scenario: `${name}, Postgres 20 ms away, uncached`, ...cold, p50Alone: coldAlone.p50 });
  }
  printTable(rows);
  console.table(Object.entries(signedIn).map(([scenario, redis]) => ({ 'signed in, with a cart': scenario, 'redis/req': redis })));
  printTable(delay);
  writeResults({ rows, signedIn, delay, settings: { connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS, city, slug } });
} finally {
  for (const stop of stops.reverse()) await stop();
}
