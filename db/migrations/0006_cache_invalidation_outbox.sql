CREATE TABLE "cache_invalidations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"audit_id" bigint,
	"keys" text[] NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"applied_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "cache_invalidations" ADD CONSTRAINT "cache_invalidations_audit_id_audit_log_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."audit_log"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cache_invalidations_pending_idx" ON "cache_invalidations" USING btree ("id") WHERE "cache_invalidations"."applied_at" is null;--> statement-breakpoint
CREATE INDEX "cache_invalidations_audit_idx" ON "cache_invalidations" USING btree ("audit_id");