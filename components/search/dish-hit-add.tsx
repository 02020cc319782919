'use client';

import { useSyncExternalStore } from 'react';

import { addAsThisBrowser, settle } from '@/components/customer/add-as-this-browser';
import { AddToCartButton, type AddOutcome } from '@/components/customer/add-to-cart';
import { cartLines, quantityInCart, showCartCount, showCartLineQuantity, showCartLinesOf, subscribeCartCount } from '@/components/layout/cart-count';
import { dishesInMenuCart } from '@/lib/cart/dishes';
import type { MenuCart } from '@/lib/menus/types';

/** The cart actions a city search's dishes add through (the menu page's own, app/[city]/[restaurant]/actions.ts). */
export interface SearchOrdering {
  add: (restaurantSlug: string, itemId: number, replace: boolean) => Promise<AddOutcome>;
  /** The cart as it now is; null when there was none to change or it could not be read back. */
  change: (restaurantSlug: string, itemId: number, quantity: number) => Promise<MenuCart | null>;
  /** Where sign-in returns to: the search. */
  path: string;
}

const unknownOnServer = () => null;

/**
 * ADD on a dish a city search found, as on its menu: a guest cart signed out, the page's own "Start a
 * new cart?" dialog for another restaurant's cart, then − / +. The page's HTML knows no cart (a dish
 * already in it starts at ADD); once the header's GET /api/cart/count answers with the cart's lines, a
 * dish in it shows its − / + with its quantity (customer walk: ADD on a dish already in the cart
 * looked like it was not, and a tap made it 2). Each answer then updates every dish of the search,
 * and the header's count.
 */
export function DishHitAdd({ restaurantSlug, itemId, itemName, ordering }: { restaurantSlug: string; itemId: number; itemName: string; ordering: SearchOrdering }) {
  const known = useSyncExternalStore(subscribeCartCount, cartLines, unknownOnServer);
  const quantity = quantityInCart(known, restaurantSlug, itemId);
  const show = (cart: MenuCart) => {
    showCartLinesOf(restaurantSlug, cart);
    showCartCount(dishesInMenuCart(cart));
  };
  return (
    <div className="w-24 shrink-0 self-center noscript:hidden">
      <AddToCartButton
        add={async (replace) => {
          const outcome = await addAsThisBrowser(() => ordering.add(restaurantSlug, itemId, replace));
          if (outcome.status === 'added') {
            if (outcome.cart) show(outcome.cart);
            // No cart read back: this dish's quantity is all that is known (the count stays as it was).
            else showCartLineQuantity(restaurantSlug, itemId, outcome.quantity);
          }
          return outcome;
        }}
        change={async (next) => {
          const cart = await settle(() => ordering.change(restaurantSlug, itemId, next), null);
          if (cart) show(cart);
          return cart !== null;
        }}
        quantity={quantity}
        itemName={itemName}
        loginNext={ordering.path}
      />
    </div>
  );
}
