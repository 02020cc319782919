// What the HTTP benchmarks share: sequential keep-alive GETs that check the cache header, their
// percentiles (the server's own counters come from scripts/bench-server.ts).
import http from 'node:http';

/**
 * One kept-alive connection, as a browser or a load balancer holds one: the figures are the server's
 * time plus one loopback round trip, not connection set-up.
 */
export function timedGetter(base: string): (path: string, expected: 'HIT' | 'MISS') => Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return (path, expected) =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      http
        .get(base + path, { agent }, (response) => {
          response.resume();
          response.on('end', () => {
            const elapsed = performance.now() - started;
            const cache = response.headers['x-cache'];
            if (response.statusCode !== 200 || cache !== expected) {
              reject(new Error(`${path}: expected 200 ${expected}, got ${response.statusCode} ${String(cache)}`));
            } else resolve(elapsed);
          });
        })
        .on('error', reject);
    });
}

export function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return { samples: samples.length, 'p50 ms': round(at(0.5)), 'p90 ms': round(at(0.9)), 'p99 ms': round(at(0.99)) };
}
