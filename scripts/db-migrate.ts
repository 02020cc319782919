// Applies the committed migrations to the configured database (DATABASE_URL, else the embedded one).
import { getDatabase } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { log } from '@/lib/log';

const database = getDatabase();
try {
  await migrateDatabase(database);
  log.info('migrations applied', { database: `${database.backend} (${database.description})` });
} finally {
  await database.close();
}
