import 'server-only';

import { log } from '@/lib/log';
import { slugSchema } from '@/lib/menus/slug';
import { DeadlineError } from '@/lib/server/deadline';

import { jsonError } from './json';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Parses a path parameter as a slug, or answers 400 before any Redis or Postgres call. */
export function slugParam(name: string, value: string): string {
  const parsed = slugSchema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, `Invalid ${name} "${value.slice(0, 80)}": ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** Error answers are never stored: some depend on who asks (a 404 for an order that isn't theirs). */
const UNSTORED = { 'Cache-Control': 'no-store' };

/**
 * Codes of a database that did not answer, as opposed to one that answered with an error: the
 * socket's (ECONNREFUSED, …), postgres.js's own (CONNECT_TIMEOUT, CONNECTION_*), and SQLSTATE class 08
 * (connection exception), 57P01-57P03 (shutting down, crashed, starting up), 57014 (its own
 * statement_timeout: a server too slow to answer in time, which fires a second before the client's
 * deadline would) and 53300 (too many connections: a restart's reconnect storm, a full pooler).
 */
const NOT_ANSWERING = /^(E(CONNREFUSED|CONNRESET|PIPE|TIMEDOUT|HOSTUNREACH|NETUNREACH|AI_AGAIN)|ENOTFOUND|CONNECT_TIMEOUT|CONNECTION_(CLOSED|ENDED|DESTROYED)|08[0-9A-Z]{3}|57P0[123]|57014|53300)$/;

/** Whether `error` (or what it wraps: drizzle's "Failed query" carries the driver's error as its cause) is a backend that did not answer. */
function notAnswering(error: unknown): boolean {
  for (let at = error, depth = 0; at instanceof Error && depth < 5; at = at.cause, depth++) {
    if (at instanceof DeadlineError) return true;
    const code = (at as { code?: unknown }).code;
    if (typeof code === 'string' && NOT_ANSWERING.test(code)) return true;
  }
  return false;
}

const UNAVAILABLE = 'This can’t be loaded just now. Please try again in a moment.';

/**
 * Turns HttpErrors into their JSON answer, a database that did not answer (stopped, frozen past its
 * deadline, restarting: the entry wasn't cached) into a 503 to retry, and anything else into a logged 500.
 */
export function jsonRoute<Args extends unknown[]>(handler: (...args: Args) => Promise<Response>) {
  return async (...args: Args): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof HttpError) return jsonError(error.status, error.message, UNSTORED);
      if (notAnswering(error)) {
        log.warn('api request failed: a backend did not answer', { error: error instanceof Error ? error.message : String(error) });
        return jsonError(503, UNAVAILABLE, { ...UNSTORED, 'Retry-After': '5' });
      }
      log.error('api request failed', { error: error instanceof Error ? error.message : String(error) });
      return jsonError(500, 'Something went wrong on our side. Please try again.', UNSTORED);
    }
  };
}
