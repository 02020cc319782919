import 'server-only';

import fs from 'node:fs';
import path from 'node:path';

import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { Logger } from 'drizzle-orm/logger';
import { drizzle, type PgliteDatabase } from 'drizzle-orm/pglite';

import * as schema from '@/db/schema';


/**
 * PGlite is one process's database: two processes opening the same folder corrupt it. The owner
 * writes its PID beside the folder, and anyone else (say `npm run db:seed` while `npm run dev` runs)
 * is refused with a message instead.
 */
function claimDataDir(dataDir: string): void {
  const ownerFile = `${path.resolve(dataDir)}.owner`;
  const owner = Number(fs.existsSync(ownerFile) ? fs.readFileSync(ownerFile, 'utf8') : NaN);
  if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
    throw new Error(
      `The embedded database in ${dataDir} is open in process ${owner} (the dev server?). ` +
        'Stop it first: PGlite serves one process at a time, and the dev server migrates and seeds it on start.',
    );
  }
  fs.mkdirSync(path.dirname(ownerFile), { recursive: true });
  fs.writeFileSync(ownerFile, String(process.pid));
  process.once('exit', () => {
    if (fs.existsSync(ownerFile) && fs.readFileSync(ownerFile, 'utf8') === String(process.pid)) fs.rmSync(ownerFile);
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The contrib extensions the migrations create (search: migration 0008). PGlite bundles them but
 * loads only those named when it opens, so every PGlite the app or a test opens passes these.
 */
export const PGLITE_EXTENSIONS = { pg_trgm, unaccent };

/** Opens PGlite on a folder (kept between runs) or, with no folder, in memory. */
export function openPglite(dataDir: string | undefined, logger: Logger): { client: PGlite; db: PgliteDatabase<typeof schema> } {
  if (dataDir) claimDataDir(dataDir);
  const client = new PGlite(dataDir, { extensions: PGLITE_EXTENSIONS });
  return { client, db: drizzle({ client, schema, logger }) };
}
