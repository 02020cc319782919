-- One cart, one order, held by Postgres (lib/cart/cart.ts cartToOrder, lib/orders/checkout.ts): each order
-- records the generation of the cart it was placed from, unique per customer. Existing orders keep a null,
-- which never conflicts. IF NOT EXISTS: safe to run again by hand.
ALTER TABLE "orders" ADD COLUMN IF NOT EXISTS "cart_generation" text;--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "orders_customer_cart_generation_idx" ON "orders" USING btree ("customer_id","cart_generation");
