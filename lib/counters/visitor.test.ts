import { describe, expect, it } from 'vitest';

import { ignoredReason, isHttps, newVisitorId, visitorCookie, visitorIdFrom } from './visitor';

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const headers = (init: Record<string, string>) => new Headers({ 'user-agent': CHROME, ...init });

describe('what counts as a view', () => {
  it('accepts an ordinary browser request', () => {
    expect(ignoredReason(headers({ 'sec-fetch-site': 'same-origin' }))).toBeUndefined();
    expect(ignoredReason(headers({}))).toBeUndefined();
  });

  it('ignores prefetches however they are announced', () => {
    expect(ignoredReason(headers({ 'sec-purpose': 'prefetch;prerender' }))).toBe('prefetch');
    expect(ignoredReason(headers({ purpose: 'prefetch' }))).toBe('prefetch');
    expect(ignoredReason(headers({ 'next-router-prefetch': '1' }))).toBe('prefetch');
  });

  it('ignores crawlers, headless browsers and requests without a user agent', () => {
    for (const agent of [
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0) Chrome/116.0 Safari/537.36',
      'Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36',
      'Mozilla/5.0 (Linux; Android 11; moto g power (2022)) Chrome-Lighthouse',
      '',
      '   ',
    ]) {
      expect(ignoredReason(headers({ 'user-agent': agent })), agent).toBe('bot');
    }
  });

  it('ignores POSTs another site makes a browser send', () => {
    expect(ignoredReason(headers({ 'sec-fetch-site': 'cross-site' }))).toBe('cross-site');
    expect(ignoredReason(headers({ 'sec-fetch-site': 'same-site' }))).toBeUndefined();
  });
});

describe('the visitor cookie', () => {
  it('makes 128-bit ids that survive the cookie round trip', () => {
    const id = newVisitorId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(newVisitorId()).not.toBe(id);
    const cookie = visitorCookie(id, false).split(';')[0]!;
    expect(visitorIdFrom(new Headers({ cookie: `a=1; ${cookie}; b=2` }))).toBe(id);
  });

  it('is httpOnly and SameSite=Lax, and Secure only over HTTPS', () => {
    expect(visitorCookie('x'.repeat(22), false)).toBe(
      `thali_vid=${'x'.repeat(22)}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax`,
    );
    expect(visitorCookie('x'.repeat(22), true)).toMatch(/; Secure$/);
  });

  it('ignores malformed or missing ids', () => {
    expect(visitorIdFrom(new Headers())).toBeUndefined();
    expect(visitorIdFrom(new Headers({ cookie: 'thali_vid=short' }))).toBeUndefined();
    expect(visitorIdFrom(new Headers({ cookie: `thali_vid=${'a'.repeat(21)}*` }))).toBeUndefined();
    expect(visitorIdFrom(new Headers({ cookie: `xthali_vid=${'a'.repeat(22)}` }))).toBeUndefined();
  });

  it('tells HTTPS from the URL or a proxy header', () => {
    expect(isHttps(new Request('https://thali.example/api'))).toBe(true);
    expect(isHttps(new Request('http://10.0.0.1/api', { headers: { 'x-forwarded-proto': 'https' } }))).toBe(true);
    expect(isHttps(new Request('http://127.0.0.1/api'))).toBe(false);
  });
});
