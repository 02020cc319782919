// Runs before Playwright (npm run test:e2e): gives the e2e server a fresh, seeded database and an
// empty key namespace, so the first lookup of every key is an honest MISS.
import fs from 'node:fs';

import postgres from 'postgres';
import { createClient } from 'redis';

import { connectPostgres } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { seed } from '@/db/seed';
import { seedAdmin } from '@/db/seed-admin';

import {
  E2E_ADMIN,
  E2E_DATABASE_URL,
  E2E_KEY_PREFIX,
  E2E_MEDIA_DIR,
  E2E_PGLITE_DIR,
  E2E_RATELIMIT_KEY_PREFIX,
  E2E_RATELIMIT_PGLITE_DIR,
  E2E_REDIS_URL,
  E2E_TWILIO_KEY_PREFIX,
  E2E_TWILIO_PGLITE_DIR,
} from './config';

fs.rmSync(E2E_MEDIA_DIR, { recursive: true, force: true });

if (E2E_DATABASE_URL) {
  const url = new URL(E2E_DATABASE_URL);
  const name = url.pathname.slice(1);
  if (!/^thali_e2e\w*$/.test(name)) throw new Error(`E2E_DATABASE_URL must name a thali_e2e* database, got "${name}"`);
  const adminUrl = new URL(E2E_DATABASE_URL);
  adminUrl.pathname = '/postgres';
  const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const database = connectPostgres(E2E_DATABASE_URL);
  await migrateDatabase(database);
  await seed(database.db);
  await seedAdmin(database.db, E2E_ADMIN);
  await database.close();
} else {
  // The server migrates and seeds the embedded database itself on start, the admin (from
  // ADMIN_EMAIL / ADMIN_PASSWORD in e2eServerEnv) included.
  fs.rmSync(E2E_PGLITE_DIR, { recursive: true, force: true });
  fs.rmSync(E2E_RATELIMIT_PGLITE_DIR, { recursive: true, force: true });
  fs.rmSync(E2E_TWILIO_PGLITE_DIR, { recursive: true, force: true });
}

if (E2E_REDIS_URL) {
  const redis = createClient({ url: E2E_REDIS_URL });
  await redis.connect();
  for (const prefix of [E2E_KEY_PREFIX, E2E_RATELIMIT_KEY_PREFIX, E2E_TWILIO_KEY_PREFIX]) {
    for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      if (keys.length > 0) await redis.del(keys);
    }
  }
  await redis.quit();
}
console.log(`[e2e] prepared ${E2E_DATABASE_URL ? 'Postgres' : 'embedded PGlite'} and ${E2E_REDIS_URL ? 'Redis' : 'the in-process store'}`);
