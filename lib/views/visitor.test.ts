import { describe, expect, it } from 'vitest';

import { isHttps } from '@/lib/http/https';
import { sign } from '@/lib/security/signed';

import { ignoredReason, newVisitorId, visitorCookie, visitorFrom } from './visitor';

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
  it('makes 128-bit ids, issued with their MAC, that survive the cookie round trip', () => {
    const id = newVisitorId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(newVisitorId()).not.toBe(id);
    const cookie = visitorCookie(id, false).split(';')[0]!;
    expect(cookie).toMatch(new RegExp(`^thali_vid=${id}\\.[A-Za-z0-9_-]{22}$`));
    expect(visitorFrom(new Headers({ cookie: `a=1; ${cookie}; b=2` }))).toEqual({ status: 'valid', id });
  });

  it('is httpOnly and SameSite=Lax, and Secure only over HTTPS', () => {
    const id = 'x'.repeat(22);
    expect(visitorCookie(id, false)).toBe(`thali_vid=${sign('visitor', id)}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax`);
    expect(visitorCookie(id, true)).toMatch(/; Secure$/);
  });

  it('finding 8: a made-up, altered or foreign-purpose id is invalid, not a visitor', () => {
    const id = newVisitorId();
    const issued = sign('visitor', id);
    const altered = `${id.slice(0, -1)}${id.endsWith('A') ? 'B' : 'A'}${issued.slice(id.length)}`;
    for (const value of [id, 'short', `${'a'.repeat(21)}*`, altered, `${issued}x`, sign('customer-device', id), '../../etc']) {
      expect(visitorFrom(new Headers({ cookie: `thali_vid=${value}` })), value).toEqual({ status: 'invalid' });
    }
    expect(visitorFrom(new Headers())).toEqual({ status: 'missing' });
    expect(visitorFrom(new Headers({ cookie: `xthali_vid=${issued}` }))).toEqual({ status: 'missing' });
  });

  it('tells HTTPS from the URL or a proxy header', () => {
    expect(isHttps(new Request('https://thali.example/api'))).toBe(true);
    expect(isHttps(new Request('http://10.0.0.1/api', { headers: { 'x-forwarded-proto': 'https' } }))).toBe(true);
    expect(isHttps(new Request('http://127.0.0.1/api'))).toBe(false);
  });
});
