CREATE TABLE "customer_addresses" (
	"id" serial PRIMARY KEY NOT NULL,
	"customer_id" integer NOT NULL,
	"label" text NOT NULL,
	"line1" text NOT NULL,
	"line2" text DEFAULT '' NOT NULL,
	"city" text NOT NULL,
	"pin" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_addresses_pin_format" CHECK ("customer_addresses"."pin" ~ '^[1-9][0-9]{5}$')
);
--> statement-breakpoint
CREATE TABLE "restaurant_offers" (
	"restaurant_id" integer PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"percent" integer,
	"max_discount_paise" integer,
	"flat_paise" integer,
	"min_order_paise" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "restaurant_offers_shape" CHECK (("restaurant_offers"."kind" = 'percent' and "restaurant_offers"."percent" between 1 and 90 and "restaurant_offers"."max_discount_paise" > 0 and "restaurant_offers"."flat_paise" is null)
        or ("restaurant_offers"."kind" = 'flat' and "restaurant_offers"."flat_paise" > 0 and "restaurant_offers"."percent" is null and "restaurant_offers"."max_discount_paise" is null)),
	CONSTRAINT "restaurant_offers_min_order" CHECK ("restaurant_offers"."min_order_paise" between 0 and 10000000)
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "item_total_paise" bigint;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "delivery_fee_paise" integer;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "packaging_fee_paise" integer;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "gst_paise" bigint;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "discount_paise" bigint;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "offer_label" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "delivery_address" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "delivery_instructions" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "payment_method" text DEFAULT 'cod' NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "eta_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "restaurants" ADD COLUMN "rating_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "restaurants" ADD COLUMN "delivery_fee_paise" integer DEFAULT 3000 NOT NULL;--> statement-breakpoint
ALTER TABLE "restaurants" ADD COLUMN "packaging_fee_paise" integer DEFAULT 1500 NOT NULL;--> statement-breakpoint
ALTER TABLE "customer_addresses" ADD CONSTRAINT "customer_addresses_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restaurant_offers" ADD CONSTRAINT "restaurant_offers_restaurant_id_restaurants_id_fk" FOREIGN KEY ("restaurant_id") REFERENCES "public"."restaurants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_addresses_customer_idx" ON "customer_addresses" USING btree ("customer_id","id");--> statement-breakpoint
ALTER TABLE "restaurants" ADD CONSTRAINT "restaurants_rating_count_not_negative" CHECK ("restaurants"."rating_count" >= 0);--> statement-breakpoint
ALTER TABLE "restaurants" ADD CONSTRAINT "restaurants_fees_bounded" CHECK ("restaurants"."delivery_fee_paise" between 0 and 100000 and "restaurants"."packaging_fee_paise" between 0 and 100000);