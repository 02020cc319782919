import 'server-only';

import { publishEpochOf } from '@/lib/auth/revocation';
import { getEnv } from '@/lib/env';
import { log } from '@/lib/log';

import type { DatabaseHandle } from './client';
import { migrateDatabase } from './migrate';
import { isSeeded, seed } from './seed';
import { adminToSeed, seedAdmin } from './seed-admin';

/**
 * The embedded database has no one else to set it up: the server migrates it on every start and
 * seeds it when empty, so `npm install && npm run dev` serves a full site. Seeding never writes
 * cache keys, so the first read after start is an honest MISS.
 */
export async function prepareEmbeddedDatabase(handle: DatabaseHandle): Promise<void> {
  const started = performance.now();
  await migrateDatabase(handle);
  if (!(await isSeeded(handle.db))) {
    const report = await seed(handle.db);
    log.info('seeded the embedded database', {
      ...report,
      ms: Math.round(performance.now() - started),
    });
  }
  await prepareAdmin(handle);
}

/**
 * On every start, not only the first, so a changed ADMIN_PASSWORD takes effect on restart. With
 * neither variable set, `next dev` gets the demo admin from the README; production gets none.
 */
async function prepareAdmin(handle: DatabaseHandle): Promise<void> {
  const admin = adminToSeed(getEnv(), true);
  if (!admin) {
    log.warn('no admin seeded: set ADMIN_EMAIL and ADMIN_PASSWORD to create one');
    return;
  }
  const outcome = await seedAdmin(handle.db, admin.credentials);
  if (outcome !== 'unchanged') log.info(`admin ${outcome}`, { email: admin.credentials.email, source: admin.source });
  // A new ADMIN_PASSWORD ends the sessions opened with the old one (lib/auth/revocation.ts).
  if (outcome === 'updated') await publishEpochOf(admin.credentials.email, handle.db);
  if (admin.source === 'demo') {
    log.info(`sign in at /admin/login as ${admin.credentials.email} / ${admin.credentials.password} (development only)`);
  }
}
