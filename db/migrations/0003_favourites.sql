CREATE TABLE "favourites" (
	"customer_id" integer NOT NULL,
	"restaurant_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "favourites_customer_id_restaurant_id_pk" PRIMARY KEY("customer_id","restaurant_id")
);
--> statement-breakpoint
CREATE TABLE "restaurant_favourite_counts" (
	"restaurant_id" integer PRIMARY KEY NOT NULL,
	"favourites" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "restaurant_favourite_counts_not_negative" CHECK ("restaurant_favourite_counts"."favourites" >= 0)
);
--> statement-breakpoint
ALTER TABLE "favourites" ADD CONSTRAINT "favourites_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "favourites" ADD CONSTRAINT "favourites_restaurant_id_restaurants_id_fk" FOREIGN KEY ("restaurant_id") REFERENCES "public"."restaurants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restaurant_favourite_counts" ADD CONSTRAINT "restaurant_favourite_counts_restaurant_id_restaurants_id_fk" FOREIGN KEY ("restaurant_id") REFERENCES "public"."restaurants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "favourites_restaurant_idx" ON "favourites" USING btree ("restaurant_id");--> statement-breakpoint
CREATE INDEX "restaurant_favourite_counts_top_idx" ON "restaurant_favourite_counts" USING btree ("favourites" DESC NULLS LAST);