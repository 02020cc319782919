import { describe, expect, it } from 'vitest';

import { ACTION_BODY_LIMIT, bodyLimitFor, PHOTO_BODY_LIMIT } from './body-limits.mjs';
import { actionRefusal, requestRefusal } from './request-checks';

const ACTION = '60a67cf5864b61ab40b4adafbc616bf436baa87b8d';
const headers = (entries: Record<string, string>) => new Headers({ host: 'thali.example', ...entries });
/** A request without a query string. */
const noQuery = new URLSearchParams();

describe('body limits', () => {
  it('let only server actions (POSTs to pages) carry a body', () => {
    expect(bodyLimitFor('POST', '/login')).toBe(ACTION_BODY_LIMIT);
    expect(bodyLimitFor('post', '/bengaluru/some-place')).toBe(ACTION_BODY_LIMIT);
    for (const [method, path] of [['GET', '/'], ['HEAD', '/'], ['POST', '/api/restaurants/x/views'], ['POST', '/api'], ['POST', '/_next/static/chunks/x.js'], ['POST', '/_next/image'], ['DELETE', '/login'], ['PUT', '/login']]) {
      expect(bodyLimitFor(method!, path!), `${method} ${path}`).toBe(0);
    }
  });

  it('finding 9: refuse by the declared length, before reading: 413 over the limit, 411 for a chunked body', () => {
    expect(requestRefusal('POST', '/api/restaurants/x/views', headers({ 'content-length': String(10 * 1024 * 1024) }), noQuery)).toMatchObject({ status: 413 });
    expect(requestRefusal('POST', '/api/restaurants/x/views', headers({ 'content-length': '0' }), noQuery)).toBeNull();
    expect(requestRefusal('POST', '/api/restaurants/x/views', headers({}), noQuery)).toBeNull();
    expect(requestRefusal('GET', '/', headers({ 'content-length': '1' }), noQuery)).toMatchObject({ status: 413 });
    expect(requestRefusal('GET', '/', headers({ 'transfer-encoding': 'chunked' }), noQuery)).toMatchObject({ status: 413 });
    expect(requestRefusal('POST', '/login', headers({ 'content-length': String(ACTION_BODY_LIMIT) }), noQuery)).toBeNull();
    expect(requestRefusal('POST', '/login', headers({ 'content-length': String(ACTION_BODY_LIMIT + 1) }), noQuery)).toMatchObject({ status: 413 });
    expect(requestRefusal('POST', '/login', headers({ 'transfer-encoding': 'chunked' }), noQuery)).toMatchObject({ status: 411 });
    expect(requestRefusal('POST', '/login', headers({ 'content-length': 'lots' }), noQuery)).toMatchObject({ status: 413 });
  });

  it('refuse a photo upload without an admin session cookie before reading it (Next buffers it for the proxy)', () => {
    const photo = '/api/admin/restaurants/x/photo';
    const upload = { 'content-length': String(PHOTO_BODY_LIMIT), 'content-type': 'image/jpeg' };
    expect(requestRefusal('PUT', photo, headers(upload), noQuery)).toMatchObject({ status: 401 });
    expect(requestRefusal('PUT', `/api/admin/restaurants/x/items/1/photo`, headers({ ...upload, cookie: 'thali_vid=abc' }), noQuery)).toMatchObject({ status: 401 });
    expect(requestRefusal('PUT', photo, headers({ ...upload, cookie: 'a=1; __Host-thali_admin=s3ss10n' }), noQuery)).toBeNull();
    expect(requestRefusal('PUT', photo, headers({ ...upload, cookie: 'thali_admin=s3ss10n' }), noQuery)).toBeNull();
  });
});

describe('server action checks', () => {
  it('finding 11: an Origin that is not a URL is a 400, another origin (or "null") a 403', () => {
    for (const origin of ['not a url', 'http://[', '://x']) {
      expect(actionRefusal('POST', '/login', headers({ origin, 'next-action': ACTION })), origin).toMatchObject({ status: 400 });
    }
    for (const origin of ['null', 'https://evil.example', 'http://thali.example.evil.example', 'ftp://thali.example']) {
      expect(actionRefusal('POST', '/login', headers({ origin, 'next-action': ACTION })), origin).toMatchObject({ status: 403 });
    }
  });

  it('accepts this site as Next does: the forwarded host, else Host; no Origin at all passes', () => {
    expect(actionRefusal('POST', '/login', headers({ origin: 'https://thali.example', 'next-action': ACTION }))).toBeNull();
    expect(actionRefusal('POST', '/login', headers({ origin: 'https://public.example', 'x-forwarded-host': 'public.example, inner', 'next-action': ACTION }))).toBeNull();
    expect(actionRefusal('POST', '/login', headers({ 'next-action': ACTION }))).toBeNull();
  });

  it('refuses a malformed action id, and leaves GETs and the API alone', () => {
    for (const id of ['garbage', ACTION.toUpperCase(), `${ACTION}0`, '../../etc']) {
      expect(actionRefusal('POST', '/login', headers({ 'next-action': id })), id).toMatchObject({ status: 400 });
    }
    expect(actionRefusal('GET', '/login', headers({ origin: 'not a url' }))).toBeNull();
    expect(actionRefusal('POST', '/api/restaurants/x/views', headers({ origin: 'not a url' }))).toBeNull();
  });
});

describe('image optimizer addresses', () => {
  const at = (query: string) => new URL(`http://thali.example/_next/image?${query}`).searchParams;
  const PHOTO = '0123456789abcdef0123456789abcdef.webp';

  it("refuses a local url whose path has a malformed %-escape: the optimizer's internal request made the router throw (a 500)", () => {
    expect(requestRefusal('GET', '/_next/image', headers({}), at('url=/media/%25&w=64&q=75'))).toMatchObject({ status: 400 });
    expect(requestRefusal('GET', '/_next/image', headers({}), at('url=%2Fmedia%2F%25ZZ&w=64&q=75'))).toMatchObject({ status: 400 });
    expect(requestRefusal('GET', '/_next/image', headers({}), at('url=/media/%25ff.webp&w=64&q=75'))).toMatchObject({ status: 400 });
  });

  it("refuses it at every path Next's optimizer answers: any that starts with /_next/image (its own check), not only the exact one", () => {
    for (const path of ['/_next/image.', '/_next/image;x', '/_next/image%2F', '/_next/imageXYZ']) {
      expect(requestRefusal('GET', path, headers({}), at('url=/media/%25&w=64&q=75'))).toMatchObject({ status: 400 });
    }
    expect(requestRefusal('GET', '/_next/static/chunks/a.js', headers({}), at('url=/media/%25'))).toBeNull();
  });

  it("refuses a local url that names no photo: the optimizer answered each one Next redirects (a 308) with a 500", () => {
    for (const url of ['/media/', '/media/a/', '/media/.', '/media//a', '/media/a/..', '/media/a\\', '/media/%20', '/media/?', `/media/${PHOTO}/`, '/media/abc.webp', '/media/%25C3%25A9.webp', '/icon.svg', '//evil.example/a.webp']) {
      expect(requestRefusal('GET', '/_next/image', headers({}), at(`url=${encodeURIComponent(url)}&w=64&q=75`)), url).toMatchObject({ status: 400 });
    }
  });

  it('lets through well-formed addresses, remote ones (the optimizer parses those itself) and every other path', () => {
    expect(requestRefusal('GET', '/_next/image', headers({}), at(`url=/media/${PHOTO}&w=64&q=75`))).toBeNull();
    expect(requestRefusal('GET', '/_next/image', headers({}), at(`url=${encodeURIComponent(`/media/${PHOTO}`)}&w=640&q=75`))).toBeNull();
    expect(requestRefusal('GET', '/_next/image', headers({}), at('url=https://x.public.blob.vercel-storage.com/%25&w=64&q=75'))).toBeNull();
    expect(requestRefusal('GET', '/bengaluru', headers({}), at('url=/media/%25'))).toBeNull();
    expect(requestRefusal('GET', '/_next/image', headers({}), noQuery)).toBeNull();
  });
});
