import 'server-only';

import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';

import * as schema from '@/db/schema';
import { databaseBackend, getEnv, type DatabaseBackend, type Env } from '@/lib/env';
import { processStats } from '@/lib/metrics/process-stats';
import { singletons } from '@/lib/server/singletons';

import { withClientDeadline } from './client-deadline';
import { openPglite } from './pglite';

declare module '@/lib/server/singletons' {
  interface ProcessSingletons {
    database?: DatabaseHandle;
  }
}

/** The Drizzle surface both drivers share; queries are written once against it. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  backend: DatabaseBackend;
  db: Database;
  /** Where it points, without credentials, for the start-up line. */
  description: string;
  close(): Promise<void>;
  pglite?: PGlite;
}

// Counting at the driver boundary measures the server's real query path (cache hits must cause none).
const countingLogger = { logQuery: () => void (processStats().dbQueries += 1) };

/** Bounds on every wait of a request's connection (docs/decisions/021-bounded-waits-on-postgres.md). */
export interface RequestTimeouts {
  connectMs: number;
  /** The server's statement_timeout; 0: none (a pooler that refuses startup parameters). */
  statementMs: number;
}

/** Connections per process. */
const POOL_SIZE = 10;

/** How much longer than statement_timeout the client waits: a frozen server never fires its own. */
export const CLIENT_DEADLINE_MARGIN_MS = 1_000;

/**
 * A postgres.js pool. With `timeouts` (what requests use: getDatabase), a connect timeout, the
 * server's statement_timeout and idle_in_transaction_session_timeout, and a client-side deadline of
 * statement_timeout + 1 s on every statement and on a transaction's BEGIN and COMMIT;
 * without (migrations and the seed, which may run long), only a generous connect timeout.
 */
export function connectPostgres(url: string, timeouts?: RequestTimeouts): DatabaseHandle {
  const client = postgres(url, {
    max: POOL_SIZE,
    idle_timeout: 20,
    connect_timeout: timeouts ? timeouts.connectMs / 1_000 : 10,
    onnotice: () => {},
    // postgres.js holds a connection that failed for (3^failures / 100) s, up to 20 s, counted across
    // the pool, so after an outage the pool stayed down 10-20 s with Postgres back. At most 1 s here
    // (0.5-1 s with jitter): back within a second, and while it is down at most two connects a second
    // per pooled connection that has a query waiting.
    backoff: (failures: number) => (0.5 + Math.random() / 2) * Math.min(0.05 * 2 ** failures, 1),
    // A transaction left open by a client that gave up (a frozen moment, a crashed process) holds its
    // locks until this ends it on the server: twice a statement's budget between two statements.
    ...(timeouts?.statementMs
      ? { connection: { statement_timeout: timeouts.statementMs, idle_in_transaction_session_timeout: 2 * timeouts.statementMs } }
      : {}),
  });
  const deadlineMs = timeouts ? (timeouts.statementMs || 30_000) + CLIENT_DEADLINE_MARGIN_MS : undefined;
  const { hostname, port, pathname } = new URL(url);
  return {
    backend: 'postgres',
    db: drizzlePostgres(deadlineMs ? withClientDeadline(client, deadlineMs, POOL_SIZE) : client, { schema, logger: countingLogger }) as unknown as Database,
    description: `${hostname}:${port || 5432}${pathname}`,
    close: () => client.end({ timeout: 5 }),
  };
}

export function connectPglite(dataDir: string | undefined): DatabaseHandle {
  const { client, db } = openPglite(dataDir, countingLogger);
  return {
    backend: 'pglite',
    db: db as unknown as Database,
    description: dataDir ?? 'in-memory',
    close: () => client.close(),
    pglite: client,
  };
}

/**
 * The configured database. `requests` (the server, the worker): with the request timeouts; without
 * (`npm run db:migrate`, `db:seed`): none beyond connecting.
 */
export function connectConfigured(env: Env, options: { requests: boolean }): DatabaseHandle {
  if (databaseBackend(env) === 'pglite') return connectPglite(env.PGLITE_DIR ?? '.data/pglite');
  const timeouts = { connectMs: env.DATABASE_CONNECT_TIMEOUT_MS, statementMs: env.DATABASE_STATEMENT_TIMEOUT_MS };
  return connectPostgres(env.DATABASE_URL!, options.requests ? timeouts : undefined);
}

/** The process's one database handle (see lib/server/singletons.ts), with the request timeouts. */
export function getDatabase(): DatabaseHandle {
  const shared = singletons();
  shared.database ??= connectConfigured(getEnv(), { requests: true });
  return shared.database;
}

export function getDb(): Database {
  return getDatabase().db;
}
