'use client';

import { useState } from 'react';

import { addAsThisBrowser, settle } from '@/components/customer/add-as-this-browser';
import { AddToCartButton, type AddOutcome } from '@/components/customer/add-to-cart';
import { showCartCount } from '@/components/layout/cart-count';
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

/**
 * ADD on a dish a city search found, as on its menu: a guest cart signed out, the page's own "Start a
 * new cart?" dialog for another restaurant's cart, then − / +. The search page doesn't read the cart,
 * so it starts at ADD; the quantity shown is what each answer says, and the header's count follows.
 */
export function DishHitAdd({ restaurantSlug, itemId, itemName, ordering }: { restaurantSlug: string; itemId: number; itemName: string; ordering: SearchOrdering }) {
  const [quantity, setQuantity] = useState(0);
  const show = (cart: MenuCart) => {
    setQuantity(cart.lines.find((line) => line.itemId === itemId)?.quantity ?? 0);
    showCartCount(dishesInMenuCart(cart));
  };
  return (
    <div className="w-24 shrink-0 self-center noscript:hidden">
      <AddToCartButton
        add={async (replace) => {
          const outcome = await addAsThisBrowser(() => ordering.add(restaurantSlug, itemId, replace));
          if (outcome.status === 'added') {
            if (outcome.cart) show(outcome.cart);
            else setQuantity(outcome.quantity);
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
