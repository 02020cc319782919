import 'server-only';

import { and, eq, inArray } from 'drizzle-orm';

import { getDb, type Database } from '@/db/client';
import { cities, menuItems, restaurantOffers, restaurants } from '@/db/schema';
import type { Cart } from '@/lib/cart/cart';
import { formatRupees } from '@/lib/format';
import { offerColumns, offerFrom } from '@/lib/menus/queries';

import { computeBill, type Bill } from './bill';
import { MAX_ORDER_TOTAL_PAISE } from './limits';

/**
 * A cart priced from Postgres, never through the menu cache: what the checkout page shows and, read
 * again inside checkout's transaction, what the order is charged. One function for both, so the bill
 * the customer saw is the bill they pay (checkout refuses one that changed in between: 'changed').
 */

export interface QuotedLine {
  menuItemId: number;
  name: string;
  pricePaise: number;
  quantity: number;
  position: number;
}

/** A line of a cart that can't be ordered as it is, shown so the customer can change it (− to remove). */
export interface CartLineToFix {
  menuItemId: number;
  name: string;
  pricePaise: number;
  quantity: number;
  /** False for a dish taken off or deleted since it was added: the one to remove. */
  available: boolean;
}

export interface QuotedRestaurant {
  id: number;
  slug: string;
  name: string;
  citySlug: string;
  cityName: string;
  deliveryMinutes: number;
}

export type Quote =
  | { status: 'ok'; restaurant: QuotedRestaurant; lines: QuotedLine[]; bill: Bill }
  | { status: 'empty'; message: string }
  /** `lines`: the cart as it is, shown at checkout while the restaurant is closed (it is kept for when it opens). */
  | { status: 'closed'; message: string; restaurant: QuotedRestaurant; lines: CartLineToFix[] }
  | { status: 'too-large'; message: string; restaurant: QuotedRestaurant; lines: CartLineToFix[] }
  /**
   * `lines`: the whole cart, so checkout can show what to remove. Its message says "Remove it from
   * your cart", and nowhere else could: the menu shows such a dish as "Currently unavailable", with
   * no − (review finding: a customer was stuck with it, on a phone and on a desktop).
   */
  | { status: 'unavailable'; message: string; items: string[]; restaurant: QuotedRestaurant | null; lines: CartLineToFix[] };

export async function quoteCart(cart: Cart, db: Database = getDb()): Promise<Quote> {
  if (cart.restaurant === null || cart.items.length === 0) {
    return { status: 'empty', message: 'Your cart is empty: add something from a menu first.' };
  }
  const [row] = await db
    .select({
      restaurant: {
        id: restaurants.id,
        slug: restaurants.slug,
        name: restaurants.name,
        citySlug: cities.slug,
        cityName: cities.name,
        deliveryMinutes: restaurants.deliveryMinutes,
      },
      isOpen: restaurants.isOpen,
      deliveryFeePaise: restaurants.deliveryFeePaise,
      packagingFeePaise: restaurants.packagingFeePaise,
      offer: offerColumns,
    })
    .from(restaurants)
    .innerJoin(cities, eq(cities.id, restaurants.cityId))
    .leftJoin(restaurantOffers, eq(restaurantOffers.restaurantId, restaurants.id))
    .where(eq(restaurants.slug, cart.restaurant));
  if (!row) return { status: 'unavailable', message: 'This restaurant is no longer on Thali.', items: [], restaurant: null, lines: [] };
  const { restaurant } = row;

  const ids = cart.items.map((line) => line.itemId);
  const items = await db
    .select({ id: menuItems.id, name: menuItems.name, pricePaise: menuItems.pricePaise, available: menuItems.available })
    .from(menuItems)
    .where(and(eq(menuItems.restaurantId, restaurant.id), inArray(menuItems.id, ids)));
  const byId = new Map(items.map((item) => [item.id, item]));
  const cartAsItIs = () =>
    cart.items.map((line) => {
      const item = byId.get(line.itemId);
      return {
        menuItemId: line.itemId,
        name: item?.name ?? 'A dish no longer on the menu',
        pricePaise: item?.pricePaise ?? 0,
        quantity: line.quantity,
        available: item?.available ?? false,
      };
    });
  // Closed: the cart is shown with what to do, not hidden behind a refusal (checkout showed no dish).
  if (!row.isOpen) {
    return {
      status: 'closed',
      message: `${restaurant.name} is closed right now, so it can't take your order. Your cart is kept: check out when it opens, or start a cart from another restaurant.`,
      restaurant,
      lines: cartAsItIs(),
    };
  }
  const missing = cart.items.filter((line) => !byId.get(line.itemId)?.available);
  if (missing.length > 0) {
    const names = missing.map((line) => byId.get(line.itemId)?.name ?? `item ${line.itemId}`);
    return {
      status: 'unavailable',
      message: `Not available any more: ${names.join(', ')}. Remove ${missing.length === 1 ? 'it' : 'them'} from your cart to check out.`,
      items: names,
      restaurant,
      lines: cartAsItIs(),
    };
  }
  const lines = cart.items.map((line, position) => {
    const item = byId.get(line.itemId)!;
    return { menuItemId: item.id, name: item.name, pricePaise: item.pricePaise, quantity: line.quantity, position };
  });
  const bill = computeBill({
    itemTotalPaise: lines.reduce((sum, line) => sum + line.pricePaise * line.quantity, 0),
    deliveryFeePaise: row.deliveryFeePaise,
    packagingFeePaise: row.packagingFeePaise,
    offer: row.offer ? offerFrom(row.offer) : null,
  });
  if (bill.totalPaise > MAX_ORDER_TOTAL_PAISE) {
    return {
      status: 'too-large',
      message: `An order can total at most ${formatRupees(MAX_ORDER_TOTAL_PAISE)}: remove some items to check out.`,
      restaurant,
      lines: lines.map(({ menuItemId, name, pricePaise, quantity }) => ({ menuItemId, name, pricePaise, quantity, available: true })),
    };
  }
  return { status: 'ok', restaurant, lines, bill };
}
