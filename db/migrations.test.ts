import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

/**
 * `npm run db:migrate` runs before the new release starts (docs/deploying.md), so for a while the
 * release before it runs on the new schema: a migration that drops or renames a column or table it
 * still names breaks it (Drizzle names every column of its schema in an insert). Migrations only add;
 * what the code stops using is dropped by hand once no release that uses it runs.
 */
const folder = path.join(process.cwd(), 'db', 'migrations');
const CONTRACTING = /\b(DROP\s+(COLUMN|TABLE)|RENAME\s+(COLUMN|TO)|ALTER\s+COLUMN\s+"?\w+"?\s+SET\s+NOT\s+NULL)\b/i;
/** A required column without a default, which the release before doesn't write (a generated one it can't). */
const requiredWithoutDefault = (statement: string) =>
  /\bADD\s+COLUMN\b/i.test(statement) && /\bNOT\s+NULL\b/i.test(statement) && !/\b(DEFAULT|GENERATED)\b/i.test(statement);
const contracts = (statement: string) => CONTRACTING.test(statement) || requiredWithoutDefault(statement);

function statementsOf(file: string): string[] {
  return fs
    .readFileSync(path.join(folder, file), 'utf8')
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n')
    .split('--> statement-breakpoint')
    .map((statement) => statement.trim())
    .filter(Boolean);
}

describe('migrations keep the release before them working', () => {
  const files = fs.readdirSync(folder).filter((file) => file.endsWith('.sql'));

  it('finds the migrations, and tells a contracting statement from an additive one', () => {
    expect(files.length).toBeGreaterThan(18);
    expect(['ALTER TABLE "t" DROP COLUMN "c";', 'ALTER TABLE "t" ADD COLUMN "c" text NOT NULL;', 'ALTER TABLE "t" RENAME TO "u";'].every(contracts)).toBe(true);
    expect(['ALTER TABLE "t" ADD COLUMN "c" text;', 'ALTER TABLE "t" ADD COLUMN "c" integer DEFAULT 1 NOT NULL;', 'DROP INDEX "i";'].some(contracts)).toBe(false);
  });

  it('no migration drops or renames a column or table, or adds a required column the release before would not write', () => {
    const contracting = files.flatMap((file) => statementsOf(file).filter(contracts).map((statement) => `${file}: ${statement}`));
    expect(contracting).toEqual([]);
  });
});
