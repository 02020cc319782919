import 'server-only';

import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * `column` descending as drizzle's `.desc()` indexes hold it (db/schema.ts): DESC NULLS LAST. A plain
 * `desc()` is NULLS FIRST, which such an index can't give, even on a NOT NULL column, so Postgres read
 * every matching row and sorted them (a restaurant's orders: 94 ms at 20,000, against 0.05 ms).
 */
export function descAsIndexed(column: AnyColumn): SQL {
  return sql`${column} desc nulls last`;
}
