CREATE TABLE "cache_invalidations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"audit_id" bigint,
	"keys" text[] NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"applied_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "order_events" (
	"order_id" text NOT NULL,
	"status" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"text_claimed_at" timestamp with time zone,
	"text_sent_at" timestamp with time zone,
	CONSTRAINT "order_events_order_id_status_pk" PRIMARY KEY("order_id","status"),
	CONSTRAINT "order_events_status_known" CHECK ("order_events"."status" in ('placed', 'accepted', 'preparing', 'out_for_delivery', 'delivered'))
);
--> statement-breakpoint
DROP INDEX "orders_placed_created_idx";--> statement-breakpoint
ALTER TABLE "cache_invalidations" ADD CONSTRAINT "cache_invalidations_audit_id_audit_log_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."audit_log"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cache_invalidations_pending_idx" ON "cache_invalidations" USING btree ("id") WHERE "cache_invalidations"."applied_at" is null;--> statement-breakpoint
CREATE INDEX "cache_invalidations_audit_idx" ON "cache_invalidations" USING btree ("audit_id");--> statement-breakpoint
CREATE INDEX "order_events_unclaimed_idx" ON "order_events" USING btree ("at") WHERE "order_events"."text_claimed_at" is null;--> statement-breakpoint
CREATE INDEX "orders_open_updated_idx" ON "orders" USING btree ("updated_at") WHERE "orders"."status" <> 'delivered';