import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import postgres from 'postgres';
import { inject } from 'vitest';

import { connectPglite, connectPostgres, type DatabaseHandle } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { seed } from '@/db/seed';

import { TEST_POSTGRES_URL } from './services';

/**
 * Databases for integration tests. Each test file gets its own, created here and removed by
 * `close()`: a copy of a migrated and seeded PGlite folder (built once per run by global-setup),
 * or a fresh database on the real Postgres server. The shared `test` database is never touched.
 */

export async function createTestPglite(templateDir = inject('pgliteTemplate')): Promise<DatabaseHandle> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thali-pglite-'));
  if (fs.existsSync(templateDir)) {
    fs.cpSync(templateDir, dir, { recursive: true });
    fs.rmSync(`${dir}.owner`, { force: true });
  }
  const handle = connectPglite(dir);
  if (!fs.existsSync(templateDir)) {
    await migrateDatabase(handle);
    await seed(handle.db);
  }
  return {
    ...handle,
    close: async () => {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(`${dir}.owner`, { force: true });
    },
  };
}

/**
 * A fresh, migrated and seeded database on the real Postgres server (or on `serverUrl`, a cluster of
 * the test's own), dropped on close(). `url` is where it lives, for a second connection to it.
 */
export async function createTestPostgres(label: string, serverUrl = TEST_POSTGRES_URL): Promise<DatabaseHandle & { url: string }> {
  const name = `thali_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`.replace(/[^a-z0-9_]/g, '_');
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = connectPostgres(url.toString());
  await migrateDatabase(handle);
  await seed(handle.db);
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
