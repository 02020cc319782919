// Applies the committed migrations to the configured database (DATABASE_URL, else the embedded one).
import './load-env';
import { connectConfigured } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { getEnv } from '@/lib/env';
import { log } from '@/lib/log';

// Without the request timeouts: a migration or the seed may take longer than any request should.
const database = connectConfigured(getEnv(), { requests: false });
try {
  await migrateDatabase(database);
  log.info('migrations applied', { database: `${database.backend} (${database.description})` });
} finally {
  await database.close();
}
