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
// Postgres lets `COLUMN` go unsaid (`DROP "c"`, `RENAME "c" TO`), and a dropped default fails the old
// release's inserts, which write `default` for a column they leave out.
const CONTRACTING =
  /\b(DROP\s+(COLUMN|TABLE|VIEW|FUNCTION|TYPE)\b|DROP\s+(IF\s+EXISTS\s+)?"|RENAME\s+(COLUMN\s+)?("?\w+"?\s+)?TO\b|ALTER\s+COLUMN\s+"?\w+"?\s+(SET\s+NOT\s+NULL|DROP\s+DEFAULT)\b)/i;
/** A required column without a default, which the release before doesn't write (a generated one it can't). */
const requiredWithoutDefault = (statement: string) =>
  /\bADD\s+COLUMN\b/i.test(statement) && /\bNOT\s+NULL\b/i.test(statement) && !/\b(DEFAULT|GENERATED)\b/i.test(statement);
const contracts = (statement: string) => CONTRACTING.test(statement) || requiredWithoutDefault(statement);

function statementsIn(sql: string): string[] {
  return sql
    .split('--> statement-breakpoint')
    .map((statement) =>
      statement
        .split('\n')
        .filter((line) => !line.trimStart().startsWith('--'))
        .join('\n')
        .trim(),
    )
    .filter(Boolean);
}
const statementsOf = (file: string) => statementsIn(fs.readFileSync(path.join(folder, file), 'utf8'));

describe('migrations keep the release before them working', () => {
  const files = fs.readdirSync(folder).filter((file) => file.endsWith('.sql'));

  it('finds the migrations, and tells a contracting statement from an additive one', () => {
    expect(files.length).toBeGreaterThan(18);
    expect(['ALTER TABLE "t" DROP COLUMN "c";', 'ALTER TABLE "t" ADD COLUMN "c" text NOT NULL;', 'ALTER TABLE "t" RENAME TO "u";', 'ALTER TABLE "t" DROP "c";', 'ALTER TABLE "t" RENAME "c" TO "d";', 'ALTER TABLE "t" ALTER COLUMN "c" DROP DEFAULT;'].every(contracts)).toBe(true);
    expect(['ALTER TABLE "t" ADD COLUMN "c" text;', 'ALTER TABLE "t" ADD COLUMN "c" integer DEFAULT 1 NOT NULL;', 'DROP INDEX "i";', 'ALTER TABLE "t" DROP CONSTRAINT "k";', 'ALTER TABLE "t" RENAME CONSTRAINT "k" TO "l";'].some(contracts)).toBe(false);
  });

  it('reads each statement on its own, as drizzle-kit writes them (a breakpoint on its own line after a CREATE TABLE)', () => {
    const generated = 'CREATE TABLE "u" (\n\t"id" serial PRIMARY KEY NOT NULL,\n\t"at" timestamp DEFAULT now() NOT NULL\n);\n--> statement-breakpoint\nALTER TABLE "t" ADD COLUMN "c" text NOT NULL;';
    expect(statementsIn(generated).filter(contracts)).toEqual(['ALTER TABLE "t" ADD COLUMN "c" text NOT NULL;']);
  });

  it('no migration drops or renames a column or table, or adds a required column the release before would not write', () => {
    const contracting = files.flatMap((file) => statementsOf(file).filter(contracts).map((statement) => `${file}: ${statement}`));
    expect(contracting).toEqual([]);
  });
});
