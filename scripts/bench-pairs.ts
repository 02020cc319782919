// Paired throughput rounds for the benchmarks that compare two targets whose difference is smaller
// than the machine's noise (the limiter's cost, the menu API against its floor). Each pair runs the
// two targets back to back, in alternating order, so load from anything else on a shared machine moves
// both rounds of a pair alike; the median of the pair ratios is the figure and their interquartile
// range its spread.
import autocannon from 'autocannon';
import { createClient } from 'redis';

import { cpuNanoseconds } from './bench-cpu';

export interface Target {
  url: string;
  headers?: Record<string, string>;
  /** The serving process: its CPU time per request is measured alongside the throughput. */
  pid?: number;
}

export interface Load {
  connections: number;
  seconds: number;
}

export interface Round {
  rps: number;
  p50: number;
  /** Server CPU microseconds per request (all its threads and child processes), when its pid is known. */
  cpuUs: number | null;
  /** Non-2xx answers, errors and timeouts: any one voids the comparison. */
  failures: number;
}

export async function round(target: Target, load: Load): Promise<Round> {
  const cpuBefore = target.pid === undefined ? null : cpuNanoseconds(target.pid);
  const result = await autocannon({ url: target.url, headers: target.headers, connections: load.connections, duration: load.seconds });
  const cpuAfter = target.pid === undefined ? null : cpuNanoseconds(target.pid);
  const cpuUs = cpuBefore === null || cpuAfter === null || result.requests.total === 0 ? null : (cpuAfter - cpuBefore) / 1_000 / result.requests.total;
  return { rps: result.requests.average, p50: result.latency.p50, cpuUs, failures: result.non2xx + result.errors + result.timeouts };
}

export interface Pair {
  a: Round;
  b: Round;
  /** Throughput a / b. */
  ratio: number;
  /**
   * The same comparison from server CPU per request, b / a (a throughput ratio at saturation: a server
   * bound by its CPU serves requests in inverse proportion to their cost); null without pids.
   */
  cpuRatio: number | null;
}

/** One pair: both targets back to back, `b` first on odd pairs. */
export async function pair(a: Target, b: Target, load: Load, index: number): Promise<Pair> {
  // By index, not by which object is which: an A/A control passes the same target twice.
  const aFirst = index % 2 === 0;
  const one = await round(aFirst ? a : b, load);
  const two = await round(aFirst ? b : a, load);
  const [ra, rb] = aFirst ? [one, two] : [two, one];
  const cpuRatio = ra.cpuUs === null || rb.cpuUs === null ? null : rb.cpuUs / ra.cpuUs;
  // A round that completed nothing (the machine stalled) says nothing about the ratio: the pair is void.
  const ratio = ra.rps > 0 && rb.rps > 0 ? ra.rps / rb.rps : Number.NaN;
  return { a: ra, b: rb, ratio, cpuRatio };
}

/** Linear-interpolated quantile of a sample (q in [0, 1]). */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

export interface Spread {
  median: number;
  q1: number;
  q3: number;
}

/** Quartiles of the finite values (void pairs are NaN). */
export function spread(values: number[]): Spread {
  values = values.filter(Number.isFinite);
  return { median: quantile(values, 0.5), q1: quantile(values, 0.25), q3: quantile(values, 0.75) };
}

/**
 * Whether a ratio target holds given the pair ratios: 'met' when even the lower quartile reaches it,
 * 'not met' when even the upper quartile falls short, otherwise 'within the noise'.
 */
export function verdict(ratios: Spread, target: number): 'met' | 'not met' | 'within the noise' {
  if (ratios.q1 >= target) return 'met';
  if (ratios.q3 < target) return 'not met';
  return 'within the noise';
}

/**
 * Redis commands the server sends per request (MONITOR; not those a Lua script runs inside Redis),
 * over `requests` sequential requests, net of an idle window as long (the server's own timers).
 */
export async function redisCommandsPerRequest(redisUrl: string, keyPrefix: string, target: Target, requests = 20): Promise<number> {
  const monitor = await monitorCommands(redisUrl, keyPrefix);
  const started = performance.now();
  for (let i = 0; i < requests; i++) await (await fetch(target.url, { headers: target.headers })).arrayBuffer();
  await new Promise((resolve) => setTimeout(resolve, 200));
  const busy = monitor.count();
  await new Promise((resolve) => setTimeout(resolve, performance.now() - started));
  const idle = monitor.count() - busy;
  await monitor.stop();
  return Math.max(0, Math.round(((busy - idle) / requests) * 10) / 10);
}

/** Counts the commands sent on keys under `keyPrefix` from now (MONITOR), not those a Lua script runs inside Redis. */
export async function monitorCommands(redisUrl: string, keyPrefix: string): Promise<{ count: () => number; stop: () => Promise<void> }> {
  const monitor = createClient({ url: redisUrl });
  await monitor.connect();
  let commands = 0;
  await monitor.monitor((line: string) => {
    if (line.includes(keyPrefix) && !line.includes(' lua]')) commands += 1;
  });
  return { count: () => commands, stop: () => monitor.disconnect() };
}
