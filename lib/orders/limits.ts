/**
 * Bounds on money and quantities, so that no price, line or order is beyond what the columns and
 * the arithmetic hold (docs/decisions/016-input-bounds-and-atomic-cart.md):
 *
 * - a menu item costs at most MAX_PRICE_PAISE (₹1,00,000), refused by the admin form and by a check
 *   constraint on menu_items;
 * - a cart line holds at most MAX_QUANTITY of one item, and a cart at most MAX_CART_LINES items, so
 *   a cart prices at most 50 × 20 × ₹1,00,000 = ₹10 crore (10^10 paise), beyond a 32-bit integer
 *   but far inside JavaScript's exact integers (2^53) and Postgres's bigint;
 * - an order totals at most MAX_ORDER_TOTAL_PAISE (₹5,00,000): checkout refuses more with a 4xx-style
 *   message. `orders.total_paise` is a bigint, so even a higher limit could never overflow it.
 */
export const MAX_PRICE_PAISE = 10_000_000;
export const MAX_QUANTITY = 20;
export const MAX_CART_LINES = 50;
export const MAX_ORDER_TOTAL_PAISE = 50_000_000;
