// Creates one admin in the e2e Postgres through the app's own seeding code (scrypt hash and all), for
// specs that need an account of their own: see createTemporaryAdmin() in admin.ts, which runs this
// with the react-server condition (the password module is server-only) and reads the outcome.
import { connectPostgres } from '@/db/client';
import { seedAdmin } from '@/db/seed-admin';

import { E2E_DATABASE_URL } from './config';

const [email, password, name] = process.argv.slice(2);
if (!E2E_DATABASE_URL || !email || !password || !name) {
  console.error('usage: E2E_DATABASE_URL=postgres://… seed-admin.ts <email> <password> <name>');
  process.exit(2);
}

const database = connectPostgres(E2E_DATABASE_URL);
try {
  console.log(await seedAdmin(database.db, { email, password, name }));
} finally {
  await database.close();
}
