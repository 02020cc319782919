import 'server-only';

import { log } from '@/lib/log';
import { slugSchema } from '@/lib/menus/slug';

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

/** Turns HttpErrors into their JSON answer, and anything unexpected into a logged 500. */
export function jsonRoute<Args extends unknown[]>(handler: (...args: Args) => Promise<Response>) {
  return async (...args: Args): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof HttpError) return jsonError(error.status, error.message, UNSTORED);
      log.error('api request failed', { error: error instanceof Error ? error.message : String(error) });
      return jsonError(500, 'Something went wrong on our side. Please try again.', UNSTORED);
    }
  };
}
