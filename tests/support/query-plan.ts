import { sql, type SQLWrapper } from 'drizzle-orm';

import type { Database } from '@/db/client';

/**
 * Postgres's plan for `statement` with sorting forbidden unless nothing else can answer it, as text: a
 * plan that needs a Sort (an index that can't give the order asked for) still shows one.
 */
export async function planWithoutSorting(db: Database, statement: SQLWrapper): Promise<string> {
  await db.execute(sql`set enable_sort = off`);
  try {
    const raw = (await db.execute(sql`explain ${statement}`)) as unknown;
    const rows = (Array.isArray(raw) ? raw : (raw as { rows: unknown[] }).rows) as Record<string, string>[];
    return rows.map((row) => Object.values(row)[0]).join('\n');
  } finally {
    await db.execute(sql`reset enable_sort`);
  }
}
