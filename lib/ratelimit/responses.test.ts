import { describe, expect, it } from 'vitest';

import { rateLimitHeaders, retryAfterSeconds } from './headers';
import type { LimitResult } from './limiter';
import { refusalJson, refusalPage } from './responses';

const now = 1_700_000_000_000;
const refused: LimitResult = { success: false, limit: 120, remaining: 0, resetMs: now + 41_200, source: 'redis', pending: Promise.resolve() };

describe('rate-limit answers', () => {
  it('gives RateLimit-Reset in seconds from now, never an epoch', () => {
    expect(rateLimitHeaders({ limit: 120, remaining: 7, resetMs: now + 41_200 }, now)).toEqual({
      'RateLimit-Limit': '120',
      'RateLimit-Remaining': '7',
      'RateLimit-Reset': '42',
    });
    expect(retryAfterSeconds(now - 5, now)).toBe(1);
  });

  it('answers the API with 429 JSON and the headers', async () => {
    const response = refusalJson(refused, now);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('42');
    expect(response.headers.get('ratelimit-remaining')).toBe('0');
    expect(await response.json()).toEqual({ error: 'Too many requests. Try again in 42 seconds.' });
  });

  it('answers pages with a self-contained 429 page that says when to try again', async () => {
    const response = refusalPage(refused, now);
    expect(response.status).toBe(429);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('try again in 42 seconds');
    expect(html).not.toMatch(/<script|<link/);
  });

  it('answers 503 with Retry-After when a closed policy can’t reach the shared store', async () => {
    const response = refusalJson({ ...refused, source: 'closed', resetMs: now + 5_000 }, now);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(refusalPage({ ...refused, source: 'closed', resetMs: now + 5_000 }, now).status).toBe(503);
  });
});
