// Seeds the configured database with the demo cities, restaurants and menus, and the admin from
// ADMIN_EMAIL / ADMIN_PASSWORD. Idempotent: rows that exist (by slug or name) are left alone, so
// re-running it never undoes an admin's edits; the admin's password is updated if it changed.
import './load-env';
import { connectConfigured } from '@/db/client';
import { seed } from '@/db/seed';
import { adminToSeed, seedAdmin } from '@/db/seed-admin';
import { publishEpochOf } from '@/lib/auth/revocation';
import { getEnv, redisBackend } from '@/lib/env';
import { log } from '@/lib/log';
import { singletons } from '@/lib/server/singletons';

// Without the request timeouts: a migration or the seed may take longer than any request should.
const database = connectConfigured(getEnv(), { requests: false });
try {
  const started = performance.now();
  const inserted = await seed(database.db);
  log.info('seed done', {
    database: `${database.backend} (${database.description})`,
    ...inserted,
    ms: Math.round(performance.now() - started),
  });

  const admin = adminToSeed(getEnv(), database.backend === 'pglite');
  if (admin) {
    const outcome = await seedAdmin(database.db, admin.credentials);
    log.info(`admin ${outcome}`, { email: admin.credentials.email, source: admin.source });
    if (outcome === 'updated') {
      // Sessions opened with the old password end within a minute anyway; with the app's Redis
      // configured here too, at once (lib/auth/revocation.ts).
      if (redisBackend(getEnv()) !== 'memory') await publishEpochOf(admin.credentials.email, database.db);
      log.info('sessions opened with the old password are ended', { email: admin.credentials.email });
    }
    if (admin.source === 'demo') log.info(`demo admin for development: ${admin.credentials.email} / ${admin.credentials.password}`);
  } else {
    log.warn('no admin seeded: set ADMIN_EMAIL and ADMIN_PASSWORD to create one');
  }
} finally {
  await database.close();
  await singletons().redis?.close();
}
