/**
 * Whether Postgres has gone silent: a statement met its client deadline with no answer at all (not
 * the server's own statement_timeout, which is an answer; not a starved process, decision 020). Then
 * the next statements fail at once instead of each waiting out a deadline of its own on the same
 * silent server: a page that reads twice would otherwise take two deadlines to fail, its metadata's
 * read and then its body's (docs/decisions/021-bounded-waits-on-postgres.md).
 *
 * Any answer the server gives clears it, including a late one to a statement that already gave up
 * (a frozen server that thaws answers what it was sent). Should none come, one statement at a time
 * may try again once `holdMs` has passed since the last silence.
 */
export interface Ticket {
  readonly admission: 'go' | 'probe' | 'refuse';
}

export class SilentServer {
  private silent = false;
  private holdUntil = 0;
  /** The one statement let through to try a silent server, while it is out. */
  private probe: Ticket | null = null;

  constructor(
    private readonly holdMs: number,
    private readonly now: () => number = () => performance.now(),
    /** Told each time a statement met its deadline unanswered (client-deadline.ts sends a statement of its own that waits for the answer). */
    private readonly onSilent: () => void = () => {},
  ) {}

  /** Whether the server has not answered since a statement met its deadline. */
  isSilent(): boolean {
    return this.silent;
  }

  /** Whether a new statement may be sent: always while the server answers; else refused, but for one probe at a time after the hold. */
  admit(): Ticket {
    if (!this.silent) return { admission: 'go' };
    if (this.now() < this.holdUntil || this.probe) return { admission: 'refuse' };
    this.probe = { admission: 'probe' };
    return this.probe;
  }

  /** The server answered a statement (a result or an error of its own), however late. */
  answered(): void {
    this.silent = false;
    this.probe = null;
  }

  /** A statement met its deadline unanswered. */
  unanswered(ticket: Ticket): void {
    this.silent = true;
    this.holdUntil = this.now() + this.holdMs;
    this.settled(ticket);
    this.onSilent();
  }

  /** A statement ended with no verdict on the server (a starved deadline, a connection that broke). */
  settled(ticket: Ticket): void {
    if (this.probe === ticket) this.probe = null;
  }
}
