-- Orders placed before order_events existed: the steps their row still tells (placed, and the status
-- they are in now), with their texts marked as handled (claimed, never sent by this table), so the
-- reconciler never texts anyone about a step that happened before this migration.
INSERT INTO "order_events" ("order_id", "status", "at", "text_claimed_at")
SELECT "id", 'placed', "created_at", "created_at" FROM "orders"
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "order_events" ("order_id", "status", "at", "text_claimed_at")
SELECT "id", "status", "updated_at", "updated_at" FROM "orders" WHERE "status" <> 'placed'
ON CONFLICT DO NOTHING;
