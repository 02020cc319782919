import { performance } from 'node:perf_hooks';

/**
 * Deadlines that measure the thing waited on, not the event loop (docs/decisions/020-deadlines-that-measure-the-backend.md).
 *
 * A timer fires only when the event loop gets to it. When the process is starved (its own rendering
 * keeps the loop busy, or neighbours take the CPU), a 150 ms timer can fire 400 ms late, and by then
 * the answer it was guarding has usually arrived and sits unread in the socket. So:
 *
 * - A timer that fires more than STARVED_LATENESS_MS (or STARVED_LATENESS_SHARE of its budget) late,
 *   or after a window in which the event loop was busy more than BUSY_UTILIZATION of the time (so
 *   the request may not even have been written until late), is not a verdict: the deadline is
 *   extended by another budget (at most MAX_EXTENSIONS times), which lets the pending I/O be written
 *   and read first.
 * - A timer that fires on time still waits one turn of the loop (setImmediate, which runs after the
 *   poll phase), so a reply that came in before the deadline is taken rather than thrown away.
 * - A deadline that expires all the same says whether it was starved (`DeadlineError.starved`): a
 *   starved expiry measured the CPU, so callers don't count it against the backend (circuit breakers).
 */

/** A timer this late means the loop (or the CPU) was busy, not that the backend was slow. */
export const STARVED_LATENESS_MS = 20;
/**
 * ...or this share of its budget, if more: on a machine loaded by neighbours an idle process's timers
 * fire 20-80 ms late, which is no starvation for a budget of seconds (a Postgres statement): the
 * loop had all the rest of it, and the extra turn below reads what came in meanwhile.
 */
export const STARVED_LATENESS_SHARE = 0.1;
/** Event-loop utilization over a deadline's window above which the window measured the loop, not the backend. */
export const BUSY_UTILIZATION = 0.8;
/** How many more budgets a starved deadline may take before it gives up anyway. */
export const MAX_EXTENSIONS = 4;

/** Names each deadline error class the same in every copy of its module (see DeadlineError's hasInstance). */
export const ERROR_KIND: unique symbol = Symbol.for('thali.error-kind') as never;

export class DeadlineError extends Error {
  static readonly [ERROR_KIND]: string = 'thali.DeadlineError';

  /**
   * `instanceof` by kind, not by class identity: every route bundle has its own copy of this module,
   * and the process's one database handle (made at start-up, by another bundle) throws its copy's
   * errors, which the route's own class would not recognise (a 503 would become a 500). A subclass names
   * its own kind, and matches only errors of that kind or below.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    const kind = (this as unknown as { [ERROR_KIND]?: string })[ERROR_KIND];
    for (let proto = typeof value === 'object' && value !== null ? Object.getPrototypeOf(value) : null; proto; proto = Object.getPrototypeOf(proto)) {
      if (Object.hasOwn(proto.constructor ?? {}, ERROR_KIND) && (proto.constructor as { [ERROR_KIND]: string })[ERROR_KIND] === kind) return true;
    }
    return false;
  }

  override name = 'DeadlineError';
  constructor(
    message: string,
    /** True when a timer of this deadline fired late: the process, not the backend, ran out of time. */
    readonly starved: boolean,
  ) {
    super(message);
  }
}

/** Whether an error is a deadline that expired because the process was starved. */
export function isStarvedTimeout(error: unknown): boolean {
  return error instanceof DeadlineError && error.starved;
}

export interface Deadline {
  /** Stops the deadline (the work settled). */
  clear(): void;
}

/**
 * Calls `expire(starved)` once `budgetMs` of time has passed in which the event loop was free to
 * notice an answer (see above). `settled()` is asked before expiring, after the extra turn of the loop.
 */
export function startDeadline(
  budgetMs: number,
  expire: (starved: boolean) => void,
  settled: () => boolean,
  options: { unref?: boolean } = {},
): Deadline {
  const now = () => performance.now();
  let timer: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;
  let starved = false;
  let extensions = 0;
  const lateness = Math.max(STARVED_LATENESS_MS, budgetMs * STARVED_LATENESS_SHARE);

  const arm = () => {
    const due = now() + budgetMs;
    const loop = performance.eventLoopUtilization();
    timer = setTimeout(() => {
      const late = now() - due;
      if (late > lateness || performance.eventLoopUtilization(loop).utilization > BUSY_UTILIZATION) {
        starved = true;
        if (extensions < MAX_EXTENSIONS) {
          extensions += 1;
          arm();
          return;
        }
      }
      immediate = setImmediate(() => {
        if (!settled()) expire(starved);
      });
      if (options.unref) immediate.unref();
    }, budgetMs);
    if (options.unref) timer.unref();
  };
  arm();
  return {
    clear() {
      clearTimeout(timer);
      if (immediate) clearImmediate(immediate);
    },
  };
}

/**
 * `promise`, or a DeadlineError once the deadline expires. `describe` names what timed out, for the
 * message (e.g. "Redis GET"). `onExpire` runs when it does (to tear down a connection, abort a request).
 */
export function withDeadline<T>(
  promise: Promise<T>,
  budgetMs: number,
  describe: string,
  onExpire?: (starved: boolean) => void,
): Promise<T> {
  let done = false;
  return new Promise<T>((resolve, reject) => {
    const deadline = startDeadline(
      budgetMs,
      (starved) => {
        done = true;
        onExpire?.(starved);
        reject(new DeadlineError(`${describe} timed out after ${budgetMs} ms${starved ? ' (the process was starved)' : ''}`, starved));
      },
      () => done,
    );
    promise.then(
      (value) => {
        if (done) return;
        done = true;
        deadline.clear();
        resolve(value);
      },
      (error: unknown) => {
        if (done) return;
        done = true;
        deadline.clear();
        reject(error);
      },
    );
  });
}

/**
 * An AbortSignal that aborts with a DeadlineError when a deadline of `budgetMs` expires, starvation-aware
 * like withDeadline: AbortSignal.timeout for fetch. Its timer never keeps the process alive.
 */
export function deadlineSignal(budgetMs: number, describe: string): AbortSignal {
  const controller = new AbortController();
  startDeadline(
    budgetMs,
    (starved) => controller.abort(new DeadlineError(`${describe} timed out after ${budgetMs} ms`, starved)),
    () => controller.signal.aborted,
    { unref: true },
  );
  return controller.signal;
}

/**
 * withDeadline, and when the deadline expires first, `late(value)` once `promise` settles after all:
 * the caller is answered within its budget, and what the slow backend answered is still used (a late
 * epoch read fills Redis's copy, so the next request needs no Postgres: decisions 013 and 069,
 * amended). Its late failure, and `late`'s, are ignored.
 */
export async function withDeadlineKeepingLate<T>(promise: Promise<T>, budgetMs: number, describe: string, late: (value: T) => Promise<unknown>): Promise<T> {
  try {
    return await withDeadline(promise, budgetMs, describe);
  } catch (error) {
    if (error instanceof DeadlineError) void promise.then(late).catch(() => {});
    throw error;
  }
}

/**
 * `promise`'s value, or undefined once `budgetMs` has passed (starvation-aware, as withDeadline). The
 * work itself goes on and may still fill a cache for the next request; its late failure is ignored.
 */
export async function valueWithin<T>(promise: Promise<T>, budgetMs: number): Promise<T | undefined> {
  try {
    return await withDeadline(promise, budgetMs, 'optional read');
  } catch (error) {
    if (error instanceof DeadlineError) return undefined;
    throw error;
  }
}
