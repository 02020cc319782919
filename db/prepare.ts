import 'server-only';

import { log } from '@/lib/log';

import type { DatabaseHandle } from './client';
import { migrateDatabase } from './migrate';
import { isSeeded, seed } from './seed';

/**
 * The embedded database has no one else to set it up: the server migrates it on every start and
 * seeds it when empty, so `npm install && npm run dev` serves a full site. Seeding never writes
 * cache keys, so the first read after start is an honest MISS.
 */
export async function prepareEmbeddedDatabase(handle: DatabaseHandle): Promise<void> {
  const started = performance.now();
  await migrateDatabase(handle);
  if (await isSeeded(handle.db)) return;
  const report = await seed(handle.db);
  log.info('seeded the embedded database', {
    ...report,
    ms: Math.round(performance.now() - started),
  });
}
