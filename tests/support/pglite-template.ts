import fs from 'node:fs';

import { connectPglite } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { seed } from '@/db/seed';

/** Builds the seeded PGlite template once per test run (called from tests/global-setup.ts). */
export async function buildPgliteTemplate(dir: string): Promise<void> {
  fs.rmSync(dir, { recursive: true, force: true });
  const handle = connectPglite(dir);
  await migrateDatabase(handle);
  await seed(handle.db);
  await handle.close();
}
