import 'server-only';

import { randomBytes } from 'node:crypto';

import { cookieFrom } from '@/lib/http/cookies';
import { sign, unsign } from '@/lib/security/signed';

/**
 * Who is viewing, and whether the request is a view at all. Pure functions over the request's
 * headers, so the route stays thin and the rules are tested on their own.
 */

export const VISITOR_COOKIE = 'thali_vid';
/** A year: long enough that returning visitors keep one identity, short enough to be unremarkable. */
const VISITOR_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;
/** 128 random bits, base64url: 22 characters, safe inside a Redis key. */
const VISITOR_ID = /^[A-Za-z0-9_-]{22}$/;

/**
 * The visitor behind a request: `valid` only for an id this server issued (the cookie carries it
 * with its MAC, lib/security/signed.ts), `invalid` for a cookie someone made up or altered, `missing`
 * for a first visit. Only server-issued ids count, so a script can't count a view per made-up id.
 */
export type Visitor = { status: 'valid'; id: string } | { status: 'invalid' } | { status: 'missing' };

/**
 * Self-declared automation. Crawlers that run JavaScript (Googlebot renders pages) would otherwise
 * POST views; headless browsers are how scrapers and monitors run. Playwright's default Chromium
 * UA contains "HeadlessChrome" and is ignored too: the e2e suite browses with its device profiles'
 * ordinary desktop and phone UAs. A rare real phone whose model contains "bot" is an accepted loss.
 * Anything can lie about its UA; this only keeps honest robots out of the numbers.
 */
export const BOT_USER_AGENT = /bot|crawler|crawling|spider|slurp|headless|lighthouse|pagespeed|prerender/i;

export type IgnoredReason = 'prefetch' | 'bot' | 'cross-site';

/** Why this request must not count as a view, or undefined when it may. */
export function ignoredReason(headers: Headers): IgnoredReason | undefined {
  // The beacon only runs in a rendered page, but a prefetching client could still replay it.
  const purpose = `${headers.get('sec-purpose') ?? ''} ${headers.get('purpose') ?? ''}`.toLowerCase();
  if (purpose.includes('prefetch') || headers.has('next-router-prefetch')) return 'prefetch';
  const userAgent = headers.get('user-agent') ?? '';
  // Every browser sends a user agent; a request without one is a script.
  if (userAgent.trim() === '' || BOT_USER_AGENT.test(userAgent)) return 'bot';
  // Another site could make its visitors' browsers POST here; browsers say so (scripts may not, but
  // scripts can do anything anyway).
  if (headers.get('sec-fetch-site') === 'cross-site') return 'cross-site';
  return undefined;
}

export function visitorFrom(headers: Headers): Visitor {
  const value = cookieFrom(headers, VISITOR_COOKIE);
  if (value === undefined) return { status: 'missing' };
  const id = unsign('visitor', value);
  return id !== null && VISITOR_ID.test(id) ? { status: 'valid', id } : { status: 'invalid' };
}

export function newVisitorId(): string {
  return randomBytes(16).toString('base64url');
}

/** Set-Cookie for a new visitor id: hidden from scripts, sent on same-site requests and top-level navigations. */
export function visitorCookie(visitorId: string, secure: boolean): string {
  const attributes = [
    `${VISITOR_COOKIE}=${sign('visitor', visitorId)}`,
    'Path=/',
    `Max-Age=${VISITOR_COOKIE_MAX_AGE_SECONDS}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}
