import 'server-only';

import { DeadlineError, ERROR_KIND } from '@/lib/server/deadline';

/**
 * What a Postgres statement or transaction that failed at its client deadline (./client-deadline.ts)
 * says about its effect: never sent, sent with an answer still to come (lateAnswer), or a COMMIT sent
 * and unanswered, so it may have committed (mayHaveCommitted, commitAnswered). The deadline marks its
 * errors; callers read them here (docs/decisions/021-bounded-waits-on-postgres.md).
 */

/** On the error itself, not in a map of this module: each route bundle has its own copy (lib/server/deadline.ts). */
export const LATE_ANSWER = Symbol.for('thali.late-answer');

/**
 * For a statement that failed at its client deadline (`error`, or what it wraps: Drizzle's query
 * error), its own answer, however late: the server may run it once it answers again (it was sent to
 * a server that froze). A caller whose statement must not take effect unseen (a claim) undoes it
 * from there. Undefined for any other error.
 */
export function lateAnswer(error: unknown): Promise<unknown> | undefined {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    const answer = (cause as { [LATE_ANSWER]?: Promise<unknown> })[LATE_ANSWER];
    if (cause instanceof DeadlineError && answer) return answer;
  }
  return undefined;
}

/**
 * Whether `error` (or what it wraps) is a statement the client never sent: refused while it counted
 * the server silent (a deadline error with no late answer). Sending it again later is the first send.
 */
export function neverSent(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    if (cause instanceof DeadlineError) return !(cause as { [LATE_ANSWER]?: Promise<unknown> })[LATE_ANSWER];
  }
  return false;
}

/** Where a transaction was when its deadline passed: only after COMMIT was sent is its outcome unknown. */
export type TransactionPhase = 'begin' | 'statement' | 'commit';

/** A transaction that gave up at its client deadline; `phase: 'commit'` means it may have committed. */
export class TransactionDeadlineError extends DeadlineError {
  // Its own kind, so `instanceof` holds across copies of this module (lib/server/deadline.ts).
  static override readonly [ERROR_KIND]: string = 'thali.TransactionDeadlineError';
  override name = 'TransactionDeadlineError';
  /**
   * `phase: 'commit'`: settles once the server answers that COMMIT (or the connection ends), however
   * late; only then is the outcome known and the transaction's rows visible if it committed.
   */
  answered?: Promise<void>;
  constructor(
    readonly phase: TransactionPhase,
    deadlineMs: number,
    starved: boolean,
    message = `Postgres transaction timed out after ${deadlineMs} ms (${phase})`,
  ) {
    super(message, starved);
  }
}

/** Marks a driver error that ended a transaction after its COMMIT was sent (on the error: module copies). */
export const COMMIT_UNANSWERED = Symbol.for('thali.commit-unanswered');

/**
 * Whether a failed transaction may all the same have committed: its COMMIT was sent and never answered
 * (the client deadline passed, or the connection broke before the answer came).
 */
export function mayHaveCommitted(error: unknown): boolean {
  if (error instanceof TransactionDeadlineError) return error.phase === 'commit';
  return typeof error === 'object' && error !== null && (error as { [COMMIT_UNANSWERED]?: boolean })[COMMIT_UNANSWERED] === true;
}

/** For a COMMIT that met its deadline: settles once the server answers it, however late (undefined otherwise). */
export function commitAnswered(error: unknown): Promise<void> | undefined {
  return error instanceof TransactionDeadlineError && error.phase === 'commit' ? error.answered : undefined;
}
