import 'server-only';

import type { Sql } from 'postgres';

import { DeadlineError, startDeadline, withDeadline } from '@/lib/server/deadline';

/**
 * A client-side deadline on every statement and transaction of a postgres.js client
 * (docs/decisions/021-bounded-waits-on-postgres.md). statement_timeout is the server's own limit, but a
 * frozen server (SIGSTOP, a stalled network) never gets to enforce it: the connection stays open and
 * nothing answers. So each statement also races a deadline here, and a transaction gives up as soon
 * as one of its statements did (its ROLLBACK would wait on the same frozen server). The connection
 * stays busy until the server answers or is gone; the pool's other connections, and the caller, don't wait.
 *
 * It wraps only what Drizzle's postgres-js session calls: `unsafe` (every statement), `begin`
 * (transactions) and `savepoint` (nested ones); everything else is the client itself.
 */
export function withClientDeadline(sql: Sql, deadlineMs: number): Sql {
  return wrap(sql, deadlineMs, () => {});
}

type Query = PromiseLike<unknown> & { values(): Query; cancel(): void };
type Transaction = (options: unknown, run?: unknown) => Promise<unknown>;

function wrap(sql: Sql, deadlineMs: number, onExpire: (error: DeadlineError) => void): Sql {
  return new Proxy(sql, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property === 'unsafe' && typeof value === 'function') {
        return (...args: unknown[]) => bounded(Reflect.apply(value, target, args) as Query, deadlineMs, onExpire);
      }
      if ((property === 'begin' || property === 'savepoint') && typeof value === 'function') {
        return (...args: unknown[]) => transaction(target, value as Transaction, args, deadlineMs);
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** A postgres.js query (lazy: it runs once awaited) that rejects with a DeadlineError when its deadline passes. */
function bounded(query: Query, deadlineMs: number, onExpire: (error: DeadlineError) => void): Query {
  const proxy: Query = {
    values() {
      query.values();
      return proxy;
    },
    cancel: () => query.cancel(),
    then(resolve, reject) {
      const run = withDeadline(Promise.resolve(query), deadlineMs, 'Postgres query', (starved) => {
        // Best effort, on a connection of its own: frees a server that is merely slow.
        try {
          query.cancel();
        } catch {
          // Nothing to cancel.
        }
        onExpire(new DeadlineError(`Postgres query timed out after ${deadlineMs} ms`, starved));
      });
      return run.then(resolve, reject);
    },
  };
  return proxy;
}

/** Where a transaction was when its deadline passed: only after COMMIT was sent is its outcome unknown. */
export type TransactionPhase = 'begin' | 'statement' | 'commit';

/** A transaction that gave up at its client deadline; `phase: 'commit'` means it may have committed. */
export class TransactionDeadlineError extends DeadlineError {
  override name = 'TransactionDeadlineError';
  constructor(
    readonly phase: TransactionPhase,
    deadlineMs: number,
    starved: boolean,
  ) {
    super(`Postgres transaction timed out after ${deadlineMs} ms (${phase})`, starved);
  }
}

/**
 * begin/savepoint. The driver sends BEGIN (after waiting for a pooled connection) and COMMIT or
 * ROLLBACK itself, outside the statements wrapped above, so each of those waits gets a deadline of
 * its own here; the statements inside get theirs, and the first that expires ends the wait.
 */
function transaction(target: Sql, method: Transaction, args: unknown[], deadlineMs: number): Promise<unknown> {
  let settled = false;
  let abort: (error: DeadlineError) => void = () => {};
  const aborted = new Promise<never>((_, reject) => {
    abort = reject;
  });
  const phaseDeadline = (phase: TransactionPhase) =>
    startDeadline(deadlineMs, (starved) => abort(new TransactionDeadlineError(phase, deadlineMs, starved)), () => settled);
  let pending = phaseDeadline('begin');

  const runIndex = typeof args[0] === 'function' ? 0 : 1;
  const run = args[runIndex] as (tx: Sql) => unknown;
  const wrapped = [...args];
  wrapped[runIndex] = (tx: Sql) => {
    pending.clear();
    const body = Promise.resolve().then(() =>
      run(wrap(tx, deadlineMs, (error) => abort(Object.assign(new TransactionDeadlineError('statement', deadlineMs, error.starved), { cause: error })))),
    );
    // The body's end hands over to the driver's COMMIT (or ROLLBACK): bounded from that moment.
    const handOver = () => {
      if (!settled) pending = phaseDeadline('commit');
    };
    body.then(handOver, handOver);
    return body;
  };
  const result = Reflect.apply(method, target, wrapped) as Promise<unknown>;
  // The transaction's own promise settles later (or never, on a frozen server); nobody waits for it.
  result.catch(() => {});
  return Promise.race([result, aborted]).finally(() => {
    settled = true;
    pending.clear();
  });
}

/** Whether a failed transaction may all the same have committed: its COMMIT was sent and never answered. */
export function mayHaveCommitted(error: unknown): boolean {
  return error instanceof TransactionDeadlineError && error.phase === 'commit';
}
