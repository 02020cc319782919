-- Was `ALTER TABLE "cache_invalidations" DROP COLUMN "tags"` (the outbox's tags, for Next.js cache tags it
-- never held). Dropped before the new release started, it broke the running one, whose inserts name the
-- column (db/migrations.test.ts, docs/deploying.md): the column stays, unused, with its default.
SELECT 1;
