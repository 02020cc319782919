import 'server-only';

import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';

import * as schema from '@/db/schema';
import { databaseBackend, getEnv, type DatabaseBackend } from '@/lib/env';
import { counters } from '@/lib/metrics/counters';
import { singletons } from '@/lib/server/singletons';

import { openPglite } from './pglite';

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
const countingLogger = { logQuery: () => void (counters().dbQueries += 1) };

export function connectPostgres(url: string): DatabaseHandle {
  const client = postgres(url, { max: 10, idle_timeout: 20, connect_timeout: 10, onnotice: () => {} });
  const { hostname, port, pathname } = new URL(url);
  return {
    backend: 'postgres',
    db: drizzlePostgres(client, { schema, logger: countingLogger }) as unknown as Database,
    description: `${hostname}:${port || 5432}${pathname}`,
    close: () => client.end({ timeout: 5 }),
  };
}

export function connectPglite(dataDir: string | undefined): DatabaseHandle {
  const { client, db } = openPglite(dataDir, countingLogger);
  return {
    backend: 'pglite',
    db,
    description: dataDir ?? 'in-memory',
    close: () => client.close(),
    pglite: client,
  };
}

/** The process's one database handle (see lib/server/singletons.ts). */
export function getDatabase(): DatabaseHandle {
  const shared = singletons();
  if (!shared.database) {
    const env = getEnv();
    shared.database =
      databaseBackend(env) === 'postgres'
        ? connectPostgres(env.DATABASE_URL!)
        : connectPglite(env.PGLITE_DIR ?? '.data/pglite');
  }
  return shared.database;
}

export function getDb(): Database {
  return getDatabase().db;
}
