ALTER TABLE "menu_items" ADD COLUMN "photo_url" text;--> statement-breakpoint
ALTER TABLE "menu_items" ADD COLUMN "search_name" text GENERATED ALWAYS AS (search_fold("menu_items"."name")) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "menu_items" ADD COLUMN "search_skeleton" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', search_skeleton(search_fold("menu_items"."name")))) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "menu_items" ADD COLUMN "search_description" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', search_fold("menu_items"."description"))) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "restaurants" ADD COLUMN "photo_url" text;--> statement-breakpoint
ALTER TABLE "restaurants" ADD COLUMN "search_name" text GENERATED ALWAYS AS (search_fold("restaurants"."name")) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "restaurants" ADD COLUMN "search_cuisines" text GENERATED ALWAYS AS (search_fold_all("restaurants"."cuisines")) STORED NOT NULL;