import 'server-only';

import { log } from '@/lib/log';
import { slugSchema } from '@/lib/menus/slug';
import { isBackendUnavailable } from '@/lib/server/unavailable';

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
      if (isBackendUnavailable(error)) {
        log.warn('api request failed: a backend did not answer', { error: error instanceof Error ? error.message : String(error) });
        return jsonError(503, UNAVAILABLE, { ...UNSTORED, 'Retry-After': '5' });
      }
      log.error('api request failed', { error: error instanceof Error ? error.message : String(error) });
      return jsonError(500, 'Something went wrong on our side. Please try again.', UNSTORED);
    }
  };
}
