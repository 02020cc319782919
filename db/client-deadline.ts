import 'server-only';

import postgres, { type Sql } from 'postgres';

import { DeadlineError, startDeadline, withDeadline } from '@/lib/server/deadline';

import { COMMIT_UNANSWERED, LATE_ANSWER, TransactionDeadlineError, type TransactionPhase } from './deadline-outcome';
import { SilentServer, type Ticket } from './silent-server';

/** Inside a transaction, statements are not asked about (StatementOptions.admit). */
const GO: Ticket = { admission: 'go' };

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
export function withClientDeadline(sql: Sql, deadlineMs: number, poolSize: number): Sql {
  // Once a statement met its deadline unanswered, the next ones fail at once until the server answers
  // again (silent-server.ts): one deadline per outage, not one per read.
  const use = new PoolUse(poolSize);
  const silence: SilentServer = new SilentServer(deadlineMs, undefined, () => awaitAnswer(sql, silence, use));
  return wrap(sql, deadlineMs, silence, { admit: true, onExpire: () => {} }, use);
}

/** How soon a statement that waits for a silent server's answer is sent again when it could not even connect. */
const AWAIT_ANSWER_RETRY_MS = 250;
const awaiting = new WeakSet<SilentServer>();

/**
 * While the server is silent, one `select 1` of its own stays out, with no deadline and never
 * cancelled (a read: harmless whenever it runs): the server's answer to it ends the silence at once.
 * A statement that gave up while its connection was still opening was cancelled and never sent, so
 * without this nothing would answer after a thaw, and reads stayed refused until the hold passed
 * and a probe got through (a deadline's length).
 */
function awaitAnswer(sql: Sql, silence: SilentServer, use: PoolUse): void {
  if (awaiting.has(silence) || !silence.isSilent()) return;
  awaiting.add(silence);
  const statement = Promise.resolve(sql.unsafe('select 1'));
  use.track(statement);
  statement.then(
    () => {
      awaiting.delete(silence);
      silence.answered();
    },
    (error: unknown) => {
      awaiting.delete(silence);
      if (error instanceof postgres.PostgresError) silence.answered();
      // Not after the client was closed (sql.end()): nothing is left to wait for.
      else if (!clientClosed(error)) setTimeout(() => awaitAnswer(sql, silence, use), AWAIT_ANSWER_RETRY_MS).unref();
    },
  );
}

/**
 * How many of the pool's connections this client's own work holds: statements and transactions sent
 * or waiting, whose driver promise has not settled (a statement that gave up holds its connection until
 * the server answers it). A statement that met its deadline unsent while fewer than `size` others held
 * one was not waiting for a busy pool: its connection was still being opened, and a server that has
 * not answered a connect for a whole deadline is as silent as one that has not answered a statement.
 */
class PoolUse {
  held = 0;
  constructor(readonly size: number) {}

  track(work: PromiseLike<unknown>): void {
    this.held += 1;
    const release = () => void (this.held -= 1);
    work.then(release, release);
  }

  /** Whether `work` (counted in held) had a connection of its own, not a turn behind the others. */
  hadConnection(): boolean {
    return this.held <= this.size;
  }
}

/**
 * postgres.js's error when a connection's TCP connect or startup went unanswered for connect_timeout:
 * no answer from the server (a refused connection, ECONNREFUSED, is one, and comes at once).
 */
const connectUnanswered = (error: unknown) => (error as { code?: unknown } | null)?.code === 'CONNECT_TIMEOUT';

/**
 * A statement's or transaction's own settling, however late, is the server's answer, unless the
 * connection broke (no verdict) or never opened (unanswered).
 */
function reportSettling(settling: Promise<unknown>, silence: SilentServer, ticket: Ticket): void {
  settling.then(
    () => silence.answered(),
    (error: unknown) =>
      error instanceof postgres.PostgresError ? silence.answered() : connectUnanswered(error) ? silence.unanswered(ticket) : silence.settled(ticket),
  );
}
const clientClosed = (error: unknown) => ['CONNECTION_ENDED', 'CONNECTION_DESTROYED'].includes(String((error as { code?: unknown } | null)?.code));

/** Why a statement or transaction is refused while the server is silent: a deadline, as if it had waited one out. */
const SILENT = 'Postgres query not sent: the server has not answered since a query met its deadline';
const silentError = () => new DeadlineError(SILENT, false);

/** `state`: set by postgres.js once the query is handed to a connection (sent or pipelined). */
type Query = PromiseLike<unknown> & { values(): Query; cancel(): void; state?: unknown };
type Transaction = (options: unknown, run?: unknown) => Promise<unknown>;

/**
 * `admit`: whether a statement asks `silence` before it is sent; not inside a transaction, whose
 * connection is already talking to the server and whose statements end with it.
 */
interface StatementOptions {
  admit: boolean;
  /** Inside a transaction the caller gave up on: no statement is sent, so it rolls back. */
  abandoned?: () => boolean;
  onExpire: (error: DeadlineError) => void;
}

/** What a transaction the caller gave up on fails with inside, so the driver rolls it back. */
const abandoned = () => new Error('The caller gave up on this transaction at its deadline: rolled back.');

function wrap(sql: Sql, deadlineMs: number, silence: SilentServer, options: StatementOptions, use?: PoolUse): Sql {
  return new Proxy(sql, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property === 'unsafe' && typeof value === 'function') {
        return (...args: unknown[]) => bounded(Reflect.apply(value, target, args) as Query, deadlineMs, silence, options, use);
      }
      if ((property === 'begin' || property === 'savepoint') && typeof value === 'function') {
        return (...args: unknown[]) => transaction(target, value as Transaction, args, deadlineMs, silence, options.admit, use);
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** A postgres.js query (lazy: it runs once awaited) that rejects with a DeadlineError when its deadline passes. */
function bounded(query: Query, deadlineMs: number, silence: SilentServer, options: StatementOptions, use?: PoolUse): Query {
  const proxy: Query = {
    values() {
      query.values();
      return proxy;
    },
    cancel: () => query.cancel(),
    then(resolve, reject) {
      if (options.abandoned?.()) return Promise.reject(abandoned()).then(resolve, reject);
      const ticket = options.admit ? silence.admit() : GO;
      if (ticket.admission === 'refuse') return Promise.reject(silentError()).then(resolve, reject);
      const statement = Promise.resolve(query);
      use?.track(statement);
      reportSettling(statement, silence, ticket);
      const run = withDeadline(statement, deadlineMs, 'Postgres query', (starved) => {
        // Best effort, on a connection of its own: frees a server that is merely slow.
        try {
          query.cancel();
        } catch {
          // Nothing to cancel.
        }
        // A statement still waiting for a busy pool was never sent: no verdict on the server. One whose
        // own connection was still opening is (PoolUse): without it, after the pool's idle connections
        // closed, every statement of an outage opened a new one and waited out a whole deadline.
        if (starved || (query.state == null && !use?.hadConnection())) silence.settled(ticket);
        else silence.unanswered(ticket);
        options.onExpire(new DeadlineError(`Postgres query timed out after ${deadlineMs} ms`, starved));
      });
      // The statement may still run once the server answers: its late answer goes with the error (lateAnswer).
      const withLateAnswer = run.catch((error: unknown) => {
        if (error instanceof DeadlineError) Object.defineProperty(error, LATE_ANSWER, { value: statement });
        throw error;
      });
      return withLateAnswer.then(resolve, reject);
    },
  };
  return proxy;
}

/**
 * begin/savepoint. The driver sends BEGIN (after waiting for a pooled connection) and COMMIT or
 * ROLLBACK itself, outside the statements wrapped above, so each of those waits gets a deadline of
 * its own here; the statements inside get theirs, and the first that expires ends the wait.
 */
function transaction(
  target: Sql,
  method: Transaction,
  args: unknown[],
  deadlineMs: number,
  silence: SilentServer,
  admit: boolean,
  use?: PoolUse,
): Promise<unknown> {
  // A savepoint is inside a transaction: never refused, like the statements there.
  const ticket = admit ? silence.admit() : GO;
  // Not begun: nothing was sent, so nothing can have committed.
  if (ticket.admission === 'refuse') return Promise.reject(new TransactionDeadlineError('begin', deadlineMs, false, SILENT));
  let settled = false;
  // Once the caller has been told it failed, the transaction must not commit: a body that gets to run
  // or go on later (the server answers after all) is rolled back instead (see `wrapped` below).
  let gaveUp = false;
  // Set once the body has finished and the driver sends COMMIT (not ROLLBACK).
  let committing = false;
  // Settles with the driver's own promise: when the server answers, however late.
  let driverAnswered: () => void = () => {};
  const driverSettled = new Promise<void>((resolve) => {
    driverAnswered = resolve;
  });
  let reject: (error: DeadlineError) => void = () => {};
  const aborted = new Promise<never>((_, rejectAborted) => {
    reject = rejectAborted;
  });
  const abort = (error: DeadlineError) => {
    gaveUp = true;
    reject(error);
  };
  const phaseDeadline = (phase: TransactionPhase) =>
    startDeadline(
      deadlineMs,
      (starved) => {
        // Waiting for BEGIN may be waiting for a pooled connection, not the server: only an unanswered
        // COMMIT says the server went silent (a statement inside says so itself).
        if (phase === 'commit' && !starved) silence.unanswered(ticket);
        else silence.settled(ticket);
        const error = new TransactionDeadlineError(phase, deadlineMs, starved);
        if (phase === 'commit') error.answered = driverSettled;
        abort(error);
      },
      () => settled,
    );
  let pending = phaseDeadline('begin');

  const runIndex = typeof args[0] === 'function' ? 0 : 1;
  const run = args[runIndex] as (tx: Sql) => unknown;
  const wrapped = [...args];
  wrapped[runIndex] = async (tx: Sql) => {
    pending.clear();
    if (gaveUp) throw abandoned();
    const body = Promise.resolve().then(() =>
      run(
        wrap(tx, deadlineMs, silence, {
          admit: false,
          abandoned: () => gaveUp,
          onExpire: (error) => abort(Object.assign(new TransactionDeadlineError('statement', deadlineMs, error.starved), { cause: error })),
        }),
      ),
    );
    // The body's end hands over to the driver's COMMIT (or ROLLBACK): bounded from that moment.
    const handOver = () => {
      if (!settled) pending = phaseDeadline('commit');
    };
    const value = await body.finally(handOver);
    // A statement gave up, then the server answered it and the body finished: roll back, not commit.
    if (gaveUp) throw abandoned();
    committing = true;
    return value;
  };
  const result = Reflect.apply(method, target, wrapped) as Promise<unknown>;
  result.then(driverAnswered, driverAnswered);
  // The connection broke once the COMMIT was sent (a crash, a failover, a network cut): the server may
  // have committed, as when its answer never came; only its own error says that it did not.
  const outcome = result.catch((error: unknown) => {
    if (committing && !(error instanceof postgres.PostgresError) && typeof error === 'object' && error !== null) {
      Object.defineProperty(error, COMMIT_UNANSWERED, { value: true });
    }
    throw error;
  });
  if (admit) use?.track(result);
  // The transaction's own promise settles later (or never, on a frozen server); nobody waits for it.
  reportSettling(result, silence, ticket);
  return Promise.race([outcome, aborted]).finally(() => {
    settled = true;
    pending.clear();
    // However it ended (a statement inside gave up, say), it no longer holds the one probe.
    silence.settled(ticket);
  });
}
