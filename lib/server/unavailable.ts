import { markBackendUnavailable } from '@/lib/http/unavailable-answers.mjs';
import { DeadlineError } from '@/lib/server/deadline';

/**
 * Codes of a database that did not answer, as opposed to one that answered with an error: the
 * socket's (ECONNREFUSED, …), postgres.js's own (CONNECT_TIMEOUT, CONNECTION_*), and SQLSTATE class 08
 * (connection exception), 57P01-57P03 (shutting down, crashed, starting up), 57014 (its own
 * statement_timeout: a server too slow to answer in time, which fires a second before the client's
 * deadline would) and 53300 (too many connections: a restart's reconnect storm, a full pooler).
 */
const NOT_ANSWERING = /^(E(CONNREFUSED|CONNRESET|PIPE|TIMEDOUT|HOSTUNREACH|NETUNREACH|AI_AGAIN)|ENOTFOUND|CONNECT_TIMEOUT|CONNECTION_(CLOSED|ENDED|DESTROYED)|08[0-9A-Z]{3}|57P0[123]|57014|53300)$/;

/**
 * Whether `error` (or what it wraps: drizzle's "Failed query" carries the driver's error as its cause)
 * is a backend that did not answer: worth a 503 and a retry, not a 500.
 */
export function isBackendUnavailable(error: unknown): boolean {
  for (let at = error, depth = 0; at instanceof Error && depth < 5; at = at.cause, depth++) {
    if (at instanceof DeadlineError) return true;
    const code = (at as { code?: unknown }).code;
    if (typeof code === 'string' && NOT_ANSWERING.test(code)) return true;
  }
  return false;
}

const RENDER_FAILED = Symbol.for('thali.render-failed');

/** What instrumentation.ts's onRequestError hands a failed render to (registered at start, see below). */
export type RenderFailed = (error: unknown, headers: Record<string, string | string[] | undefined> | undefined) => void;

/** The app's handler of a render that failed: its request answers 503 instead of 500 when a backend did not answer (lib/http/unavailable-answers.mjs). */
export const renderFailed: RenderFailed = (error, headers) => {
  if (isBackendUnavailable(error)) markBackendUnavailable(headers);
};

/**
 * Hands `renderFailed` to instrumentation.ts, whose onRequestError must act before Next writes the
 * status, so it calls it synchronously rather than import it (and instrumentation.ts imports nothing
 * Node-only: it is bundled for the Edge runtime too). Called once at server start.
 */
export function registerRenderFailed(): void {
  (globalThis as Record<symbol, unknown>)[RENDER_FAILED] = renderFailed;
}
