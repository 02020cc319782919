import 'server-only';

import path from 'node:path';

import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';

import type * as schema from '@/db/schema';

import type { DatabaseHandle } from './client';

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');

/** Applies the committed drizzle-kit migrations; already applied ones are skipped. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  if (handle.backend === 'pglite') {
    await migratePglite(handle.db as unknown as PgliteDatabase<typeof schema>, config);
  } else {
    await migratePostgres(handle.db as unknown as PostgresJsDatabase<typeof schema>, config);
  }
}
