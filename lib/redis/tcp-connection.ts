import 'server-only';

import { createNodeRedisClient, type NodeRedisClient } from './node-redis-client';

/** One node-redis connection of the TCP driver, with what its commands need to fail fast. */
export interface Connection {
  client: NodeRedisClient;
  /** Settles on the first 'ready' (or the first error before it): the single shared connect attempt. */
  firstReady: Promise<void>;
  lastError: Error | null;
}

export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Connection failures to a host with several addresses arrive as an AggregateError with no message.
  const code = (error as NodeJS.ErrnoException).code;
  return error.message || code || error.name;
}

/** Starts connecting at once; `onError` sees every connection error (the store decides what to log). */
export function openConnection(url: string, commandTimeoutMs: number, onError: (error: Error) => void): Connection {
  const client = createNodeRedisClient(url, commandTimeoutMs);
  let settle: (error?: Error) => void = () => {};
  const firstReady = new Promise<void>((resolve, reject) => {
    settle = (error) => (error ? reject(error) : resolve());
  });
  firstReady.catch(() => {}); // Observed by commands; never an unhandled rejection.
  const connection: Connection = { client, firstReady, lastError: null };

  // Without an 'error' listener node-redis would crash the process on the first failure.
  client.on('error', (error: Error) => {
    connection.lastError = error;
    settle(error);
    onError(error);
  });
  client.on('ready', () => {
    connection.lastError = null;
    settle();
  });
  // Keeps retrying with backoff in the background; commands fail fast meanwhile (see waitReady).
  client.connect().catch(() => {});
  return connection;
}

/** Resolves once the connection can take a command; rejects at once while Redis is known to be down. */
export async function waitReady(connection: Connection): Promise<void> {
  if (connection.client.isReady) return;
  if (connection.lastError) throw new Error(`Redis unavailable: ${describeError(connection.lastError)}`);
  await connection.firstReady.catch((error: unknown) => {
    throw new Error(`Redis unavailable: ${describeError(error)}`);
  });
}
