import { describe, expect, it, vi } from 'vitest';

// Each autocannon round answers with the next throughput in this list and records the URL it ran.
const script = vi.hoisted(() => ({ rps: [] as number[], urls: [] as string[] }));
vi.mock('autocannon', () => ({
  default: async (options: { url: string }) => {
    script.urls.push(options.url);
    const rps = script.rps.shift() ?? 0;
    return { requests: { average: rps, total: rps }, latency: { p50: 1 }, non2xx: 0, errors: 0, timeouts: 0 };
  },
}));

const { pair, quantile, spread, verdict } = await import('./bench-pairs');
const load = { connections: 1, seconds: 1 };

describe('pair ratios and their spread', () => {
  it('interpolates quartiles and ignores void pairs (NaN)', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(spread([1, 2, 3, 4, 5, Number.NaN])).toEqual({ median: 3, q1: 2, q3: 4 });
  });

  it('calls a target met only when the lower quartile reaches it, not met when the upper quartile misses it', () => {
    expect(verdict({ median: 1, q1: 0.96, q3: 1.1 }, 0.95)).toBe('met');
    expect(verdict({ median: 0.9, q1: 0.8, q3: 0.94 }, 0.95)).toBe('not met');
    expect(verdict({ median: 0.95, q1: 0.9, q3: 1 }, 0.95)).toBe('within the noise');
  });

  it('alternates which target runs first, even when both are the same (an A/A control)', async () => {
    const same = { url: 'http://a' };
    script.rps = [100, 50, 50, 100];
    const even = await pair(same, same, load, 0);
    const odd = await pair(same, same, load, 1);
    // Even pairs run a first (100 then 50), odd pairs b first (50 then 100): a is the second round.
    expect(even.ratio).toBe(2);
    expect(odd.ratio).toBe(2);
  });

  it('runs b first on odd pairs and maps the rounds back to their targets', async () => {
    script.rps = [30, 60];
    script.urls = [];
    const got = await pair({ url: 'http://a' }, { url: 'http://b' }, load, 1);
    expect(script.urls).toEqual(['http://b', 'http://a']);
    expect(got.a.rps).toBe(60);
    expect(got.ratio).toBe(2);
  });

  it('voids a pair in which a round served nothing', async () => {
    script.rps = [100, 0];
    expect((await pair({ url: 'http://a' }, { url: 'http://b' }, load, 0)).ratio).toBeNaN();
  });
});
