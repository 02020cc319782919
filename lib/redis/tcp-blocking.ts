import 'server-only';

import { ErrorReply } from 'redis';

import type { Reply } from './replies';
import { openConnection, waitReady, type Connection } from './tcp-connection';
import { MAX_WAIT_MS } from './wait-timeout';

/**
 * Connections for the TCP driver's blocking commands (BLMOVE). Redis answers a connection's commands in
 * order, so a wait on the shared connection would hold up every command queued behind it: each blocking
 * call gets a connection of its own instead, opened on first need, returned to an idle pool when the
 * call ends, and reused by the next one. close() destroys them all, ending any wait in progress.
 */

/** More concurrent waits than this on one store is a bug (a claim loop run wild), not load. */
export const MAX_BLOCKING_CONNECTIONS = 32;

export interface BlockingConnections {
  /** Runs one blocking command that Redis may hold for up to `waitMs` before it answers. */
  run(args: readonly string[], waitMs: number): Promise<Reply>;
  close(): void;
}

const closedError = () => new Error('Redis store is closed');

export interface BlockingOptions {
  url: string;
  /** The store's command budget; node-redis drops a command not yet written after it. */
  commandTimeoutMs: number;
  /**
   * How late past its due time an answer may come before the connection counts as dead: the store's
   * stall deadline. Not the command budget: that is sized for reads with a fallback, while a waiter has
   * none, and giving up on a BLMOVE that Redis may still carry out loses sight of the element it moves.
   */
  stallMs: number;
}

export function blockingConnections(options: BlockingOptions): BlockingConnections {
  const { url, commandTimeoutMs, stallMs } = options;
  const idle: Connection[] = [];
  const busy = new Set<Connection>();
  let closed = false;
  /** Ends the steps in progress; per step rather than one shared promise, which would collect a reaction per call. */
  const inProgress = new Set<(error: Error) => void>();

  function acquire(command: string): Connection {
    for (let connection = idle.pop(); connection; connection = idle.pop()) {
      if (connection.client.isReady) {
        busy.add(connection);
        return connection;
      }
      connection.client.destroy();
    }
    if (busy.size >= MAX_BLOCKING_CONNECTIONS) {
      throw new Error(`Redis ${command}: already ${MAX_BLOCKING_CONNECTIONS} blocking calls waiting on this store`);
    }
    // Errors reach the caller through the command; the shared connection is the one that logs outages.
    const connection = openConnection(url, commandTimeoutMs, () => {});
    busy.add(connection);
    return connection;
  }

  function release(connection: Connection, reusable: boolean): void {
    busy.delete(connection);
    if (reusable && !closed) idle.push(connection);
    else connection.client.destroy();
  }

  /** `work`, unless `ms` pass first or the store closes. */
  async function bounded<T>(work: Promise<T>, ms: number, timedOut: () => Error): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    let end: (error: Error) => void = () => {};
    const deadline = new Promise<never>((_, reject) => {
      end = reject;
      timer = setTimeout(() => reject(timedOut()), ms);
    });
    inProgress.add(end);
    try {
      return await Promise.race([work, deadline]);
    } finally {
      clearTimeout(timer);
      inProgress.delete(end);
    }
  }

  return {
    async run(args, waitMs) {
      if (closed) throw closedError();
      const command = args[0] ?? '';
      const connection = acquire(command);
      let reusable = false;
      try {
        // A fresh connection may take a moment; a waiter can spare it. Redis's wait starts once it has
        // the command, and a Redis known to be down still fails this at once (see waitReady).
        await bounded(waitReady(connection), stallMs, () => new Error(`Redis ${command} could not connect within ${stallMs} ms`));
        // Redis answers by waitMs at the latest, so only a connection that has stopped answering trips
        // this. node-redis's own command timeout covers only commands not yet written: it never cuts a
        // wait short.
        // Capped: a Node timer past MAX_WAIT_MS fires at once, which would fail every long wait.
        const budgetMs = Math.min(waitMs + stallMs, MAX_WAIT_MS);
        const reply = await bounded(
          connection.client.sendCommand<Reply>(args),
          budgetMs,
          () => new Error(`Redis ${command} got no answer within ${budgetMs} ms`),
        );
        reusable = true;
        return reply;
      } catch (error) {
        if (closed) throw closedError();
        // Redis's own error reply (WRONGTYPE) leaves the connection in order; anything else (a timeout
        // with the command still pending, a dropped socket) retires it.
        if (error instanceof ErrorReply) reusable = true;
        throw error;
      } finally {
        release(connection, reusable);
      }
    },

    close() {
      if (closed) return;
      closed = true;
      for (const end of inProgress) end(closedError());
      inProgress.clear();
      for (const connection of [...idle, ...busy]) connection.client.destroy();
      idle.length = 0;
      busy.clear();
    },
  };
}
