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
// Postgres lets `COLUMN` go unsaid (`DROP "c"`, `RENAME "c" TO`, `ALTER "c" SET NOT NULL`), and a dropped
// default fails the old release's inserts, which write `default` for a column they leave out. A column made
// required fails the old release's writes of a null; a changed type changes what it reads back and may refuse
// what it writes. An enum value renamed is refused where the release before writes it, and missed where it compares it;
// a composite type's attribute dropped or retyped as a column is, and so is a sequence, schema or domain dropped.
const CONTRACTING =
  /\b(DROP\s+(COLUMN|TABLE|(MATERIALIZED\s+)?VIEW|FUNCTION|TYPE|ATTRIBUTE|SEQUENCE|SCHEMA|DOMAIN)\b|DROP\s+(IF\s+EXISTS\s+)?"|RENAME\s+(COLUMN\s+)?("?\w+"?\s+)?TO\b|RENAME\s+(VALUE|ATTRIBUTE)\b|ALTER\s+(COLUMN\s+|ATTRIBUTE\s+)?"?\w+"?\s+(SET\s+NOT\s+NULL|DROP\s+DEFAULT|(SET\s+DATA\s+)?TYPE)\b)/i;
/** A required column without a default, which the release before doesn't write (a generated one it can't). */
const requiredWithoutDefault = (statement: string) =>
  /\bADD\s+COLUMN\b/i.test(statement) && /\bNOT\s+NULL\b/i.test(statement) && !/\b(DEFAULT|GENERATED)\b/i.test(statement);

/**
 * A constraint (CHECK, UNIQUE, FOREIGN KEY, PRIMARY KEY, EXCLUDE; `CONSTRAINT "k"` may go unsaid, and
 * NOT VALID still holds every new write) or a unique index refuses writes the release before may make. It
 * can't on a table created in the same migration (no release before knows it), and a CHECK can't when it
 * reads only columns added in the same migration: the release before leaves them null or default, as in the
 * rows the migration checked when it added the constraint.
 */
const CONSTRAINING =
  /\bADD\s+(CONSTRAINT\s+"?\w+"?\s+)?(CHECK|UNIQUE|FOREIGN\s+KEY|PRIMARY\s+KEY|EXCLUDE)\b|\bCREATE\s+UNIQUE\s+INDEX\b|\bADD\s+COLUMN\b[^;]*\bCHECK\b/i;
const NAME = String.raw`(?:"?\w+"?\.)?"?(\w+)"?`;
const constrainedTable = (statement: string) =>
  new RegExp(String.raw`^ALTER\s+TABLE\s+(?:ONLY\s+)?(?:IF\s+EXISTS\s+)?${NAME}`, 'i').exec(statement)?.[1] ??
  new RegExp(String.raw`\bON\s+(?:ONLY\s+)?${NAME}`, 'i').exec(statement)?.[1];

/** What a migration creates or adds, for the constraints that only touch it. */
function madeIn(statements: string[]) {
  const tables = new Set<string>();
  const columns = new Set<string>();
  for (const statement of statements) {
    const created = new RegExp(String.raw`^CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?${NAME}`, 'i').exec(statement);
    if (created?.[1]) tables.add(created[1]);
    const added = new RegExp(String.raw`^ALTER\s+TABLE\s+(?:ONLY\s+)?${NAME}\s+ADD\s+COLUMN\s+(?:IF\s+NOT\s+EXISTS\s+)?"?(\w+)"?`, 'i').exec(statement);
    if (added) columns.add(`${added[1]}.${added[2]}`);
  }
  return { tables, columns };
}

function constrains(statement: string, made: ReturnType<typeof madeIn>): boolean {
  if (!CONSTRAINING.test(statement)) return false;
  const table = constrainedTable(statement);
  if (table && made.tables.has(table)) return false;
  const check = /^ALTER\s+TABLE\s+.*?\bADD\s+(?:CONSTRAINT\s+"?\w+"?\s+)?CHECK\s*\(([\s\S]*)\)/i.exec(statement);
  if (!table || !check) return true;
  const read = [...(check[1] ?? '').matchAll(/"(\w+)"/g)].map((match) => match[1]).filter((name) => name !== table);
  return read.length === 0 || !read.every((column) => made.columns.has(`${table}.${column}`));
}

/** Whether a statement breaks the release before; `others` are the rest of its migration. */
const contracts = (statement: string, others: string[] = []) =>
  CONTRACTING.test(statement) || requiredWithoutDefault(statement) || constrains(statement, madeIn([...others, statement]));

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
/** Each statement of a migration that breaks the release before, read beside the rest of its migration. */
const contractingIn = (statements: string[]) =>
  statements.filter((statement, at) => contracts(statement, statements.filter((_, other) => other !== at)));

/**
 * Migrations from before this test read constraints and types (0020 and earlier) that it would refuse,
 * each harmless to the release before it, or past: no entry may name a later migration.
 */
const KNOWN_BEFORE_CUT_OFF = '0020';
const KNOWN: { file: string; statement: string; why: string }[] = [
  {
    file: '0006_order_total_bigint_price_cap.sql',
    statement: 'ALTER TABLE "orders" ALTER COLUMN "total_paise" SET DATA TYPE bigint;',
    why: "widens integer to bigint: every total the release before writes still fits, and its Drizzle integer column parses the int8 it reads back (a string from pg) to a number",
  },
  {
    file: '0006_order_total_bigint_price_cap.sql',
    statement: 'ALTER TABLE "menu_items" ADD CONSTRAINT "menu_items_price_at_most_one_lakh" CHECK ("menu_items"."price_paise" <= 10000000);',
    why: "a price above one lakh saved by the release before's admin form is refused (its save fails, nothing is lost); past",
  },
  {
    file: '0013_cart_generation.sql',
    statement: 'CREATE UNIQUE INDEX IF NOT EXISTS "orders_customer_cart_generation_idx" ON "orders" USING btree ("customer_id","cart_generation");',
    why: 'cart_generation is new: the release before writes null, and nulls never conflict',
  },
  {
    file: '0014_order_cancel.sql',
    statement: `ALTER TABLE "order_events" ADD CONSTRAINT "order_events_status_known" CHECK ("order_events"."status" in ('placed', 'accepted', 'preparing', 'out_for_delivery', 'delivered', 'cancelled'));`,
    why: 'widens the check it dropped just before: every status the release before writes still passes',
  },
  {
    file: '0014_order_cancel.sql',
    statement: `ALTER TABLE "orders" ADD CONSTRAINT "orders_status_known" CHECK ("orders"."status" in ('placed', 'accepted', 'preparing', 'out_for_delivery', 'delivered', 'cancelled'));`,
    why: 'widens the check it dropped just before: every status the release before writes still passes',
  },
];

describe('migrations keep the release before them working', () => {
  const files = fs.readdirSync(folder).filter((file) => file.endsWith('.sql'));

  it('finds the migrations, and tells a contracting statement from an additive one', () => {
    expect(files.length).toBeGreaterThan(18);
    expect(['ALTER TABLE "t" DROP COLUMN "c";', 'ALTER TABLE "t" ADD COLUMN "c" text NOT NULL;', 'ALTER TABLE "t" RENAME TO "u";', 'ALTER TABLE "t" DROP "c";', 'ALTER TABLE "t" RENAME "c" TO "d";', 'ALTER TABLE "t" ALTER COLUMN "c" DROP DEFAULT;'].every((statement) => contracts(statement))).toBe(true);
    expect(['ALTER TABLE "t" ADD COLUMN "c" text;', 'ALTER TABLE "t" ADD COLUMN "c" integer DEFAULT 1 NOT NULL;', 'DROP INDEX "i";', 'ALTER TABLE "t" DROP CONSTRAINT "k";', 'ALTER TABLE "t" RENAME CONSTRAINT "k" TO "l";'].some((statement) => contracts(statement))).toBe(false);
  });

  it('reads each statement on its own, as drizzle-kit writes them (a breakpoint on its own line after a CREATE TABLE)', () => {
    const generated = 'CREATE TABLE "u" (\n\t"id" serial PRIMARY KEY NOT NULL,\n\t"at" timestamp DEFAULT now() NOT NULL\n);\n--> statement-breakpoint\nALTER TABLE "t" ADD COLUMN "c" text NOT NULL;';
    expect(contractingIn(statementsIn(generated))).toEqual(['ALTER TABLE "t" ADD COLUMN "c" text NOT NULL;']);
  });

  it('tells a constraint or type change from one the release before never meets', () => {
    const breaking = [
      'ALTER TABLE "t" ALTER COLUMN "c" SET DATA TYPE bigint;',
      'ALTER TABLE "t" ALTER COLUMN "c" TYPE numeric USING "c"::numeric;',
      'ALTER TABLE "t" ALTER "c" TYPE text;',
      'ALTER TABLE "t" ALTER "c" SET NOT NULL;',
      'ALTER TABLE "t" ALTER "c" DROP DEFAULT;',
      'ALTER TABLE "t" ALTER COLUMN "c" SET NOT NULL;',
      'ALTER TABLE "t" ADD CONSTRAINT "k" CHECK ("t"."c" > 0);',
      'ALTER TABLE "t" ADD CONSTRAINT "k" CHECK ("t"."c" > 0) NOT VALID;',
      'ALTER TABLE "t" ADD CHECK ("c" > 0);',
      'ALTER TABLE "t" ADD CONSTRAINT "k" UNIQUE("c");',
      'ALTER TABLE "t" ADD UNIQUE ("c");',
      'ALTER TABLE "t" ADD CONSTRAINT "k" FOREIGN KEY ("c") REFERENCES "public"."u"("id") ON DELETE cascade;',
      'ALTER TABLE ONLY "public"."t" ADD FOREIGN KEY ("c") REFERENCES "u"("id");',
      'ALTER TABLE "t" ADD CONSTRAINT "k" PRIMARY KEY("c");',
      'CREATE UNIQUE INDEX "i" ON "t" USING btree ("c");',
      'CREATE UNIQUE INDEX IF NOT EXISTS "i" ON ONLY "t" ("c");',
      'ALTER TABLE "t" ADD COLUMN "d" integer CHECK ("d" > "c");',
      // An enum value or a composite type's attribute renamed: the release before writes and compares the old name.
      'ALTER TYPE "kind" RENAME VALUE \'old\' TO \'new\';',
      'ALTER TYPE "pair" RENAME ATTRIBUTE "a" TO "b";',
      // Dropped or retyped, as a column is; and what a column's default or type reads, dropped.
      'ALTER TYPE "pair" DROP ATTRIBUTE "a";',
      'ALTER TYPE "pair" DROP ATTRIBUTE IF EXISTS "a" CASCADE;',
      'ALTER TYPE "pair" ALTER ATTRIBUTE "a" TYPE text;',
      'ALTER TYPE "pair" ALTER ATTRIBUTE "a" SET DATA TYPE text;',
      'DROP SEQUENCE "s";',
      'DROP MATERIALIZED VIEW "v";',
      'DROP SCHEMA "x" CASCADE;',
      'DROP DOMAIN "d";',
    ];
    expect(breaking.filter((statement) => !contracts(statement))).toEqual([]);
    const harmless = [
      'CREATE INDEX "i" ON "t" USING btree ("c");',
      'ALTER TABLE "t" ALTER COLUMN "c" SET DEFAULT 1;',
      'ALTER TABLE "t" ALTER COLUMN "c" DROP NOT NULL;',
      'ALTER TABLE "t" VALIDATE CONSTRAINT "k";',
      'ALTER TYPE "kind" ADD VALUE \'new\';',
      'ALTER TABLE "t" ADD COLUMN "d" integer REFERENCES "u"("id");',
    ];
    expect(harmless.filter((statement) => contracts(statement))).toEqual([]);
  });

  it('lets a migration constrain a table it creates, or check only the columns it adds', () => {
    const newTable = ['CREATE TABLE "u" (\n\t"id" serial PRIMARY KEY NOT NULL,\n\t"t_id" integer NOT NULL\n);', 'ALTER TABLE "u" ADD CONSTRAINT "u_t_id_t_id_fk" FOREIGN KEY ("t_id") REFERENCES "public"."t"("id") ON DELETE cascade ON UPDATE no action;', 'CREATE UNIQUE INDEX "u_t_idx" ON "u" USING btree ("t_id");'];
    expect(contractingIn(newTable)).toEqual([]);
    const newColumn = ['ALTER TABLE "t" ADD COLUMN "d" text;', 'ALTER TABLE "t" ADD CONSTRAINT "t_d_length" CHECK (char_length("t"."d") <= 200);'];
    expect(contractingIn(newColumn)).toEqual([]);
    // The same check on a column the release before writes, or reading one beside the new column, does break it.
    expect(contractingIn(['ALTER TABLE "t" ADD COLUMN "d" text;', 'ALTER TABLE "t" ADD CONSTRAINT "k" CHECK (char_length("t"."c") <= 200);'])).toHaveLength(1);
    expect(contractingIn(['ALTER TABLE "t" ADD COLUMN "d" integer;', 'ALTER TABLE "t" ADD CONSTRAINT "k" CHECK ("t"."d" <= "t"."c");'])).toHaveLength(1);
    // A column added to another table, or a table created by another migration, is no excuse.
    expect(contractingIn(['ALTER TABLE "u" ADD COLUMN "d" text;', 'ALTER TABLE "t" ADD CONSTRAINT "k" CHECK ("t"."d" <> \'\');'])).toHaveLength(1);
    expect(contractingIn(['CREATE TABLE "u" ("id" serial PRIMARY KEY NOT NULL);', 'ALTER TABLE "t" ADD CONSTRAINT "k" UNIQUE("c");'])).toHaveLength(1);
  });

  it('no migration drops or renames a column or table, adds a required column the release before would not write, or constrains or retypes what it writes', () => {
    const contracting = files.flatMap((file) => contractingIn(statementsOf(file)).map((statement) => `${file}: ${statement}`));
    expect(contracting).toEqual(KNOWN.map(({ file, statement }) => `${file}: ${statement}`));
  });

  it('lists as known only migrations before the cut-off, each with a reason', () => {
    expect(KNOWN.filter(({ file, why }) => file.slice(0, 4) > KNOWN_BEFORE_CUT_OFF || why.length < 20)).toEqual([]);
  });
});
