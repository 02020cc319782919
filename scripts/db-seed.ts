// Seeds the configured database with the demo cities, restaurants and menus. Idempotent: rows that
// exist (by slug or name) are left alone, so re-running it never undoes an admin's edits.
import { getDatabase } from '@/db/client';
import { seed } from '@/db/seed';
import { log } from '@/lib/log';

const database = getDatabase();
try {
  const started = performance.now();
  const inserted = await seed(database.db);
  log.info('seed done', {
    database: `${database.backend} (${database.description})`,
    ...inserted,
    ms: Math.round(performance.now() - started),
  });
} finally {
  await database.close();
}
