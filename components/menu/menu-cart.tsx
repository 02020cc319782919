'use client';

import { useEffect, useRef, useState } from 'react';

import { AddToCartButton, type AddOutcome } from '@/components/customer/add-to-cart';
import { addAsThisBrowser, settle } from '@/components/customer/add-as-this-browser';
import { CartBar } from '@/components/customer/cart-bar';
import { CartPanel, type CartPricing } from '@/components/customer/cart-panel';
import { CartSheet } from '@/components/customer/cart-sheet';
import { dishesIn } from '@/lib/cart/dishes';
import type { MenuCart } from '@/lib/menus/types';

import { dishAnchor } from './dish-anchor';

import { useMenuVisitor } from './menu-visitor';

/** The page's cart actions for one restaurant, and where sign-in should return to. */
export interface MenuOrdering {
  add: (itemId: number, replace: boolean) => Promise<AddOutcome>;
  /** The cart as it now is; null when there was none to change or it could not be read back. */
  change: (itemId: number, quantity: number) => Promise<MenuCart | null>;
  path: string;
}

/** The page's cart actions, each answer shown: the page's cart is what the server says it now is. */
function useCartActions(ordering: MenuOrdering) {
  const { showCart } = useMenuVisitor();
  return {
    add: async (itemId: number, replace: boolean): Promise<AddOutcome> => {
      const outcome = await addAsThisBrowser(() => ordering.add(itemId, replace));
      if (outcome.status === 'added') showCart(outcome.cart);
      return outcome;
    },
    // A change that failed shows the cart as it is (null: the page reads it again), and says so.
    change: async (itemId: number, quantity: number): Promise<boolean> => {
      const cart = await settle(() => ordering.change(itemId, quantity), null);
      showCart(cart);
      return cart !== null;
    },
  };
}

/**
 * A dish's ADD button, or its − / + stepper once this visitor's cart holds it. Not shown without
 * JavaScript (they add through the page's script): the page says why instead (menu-page-body.tsx).
 */
export function MenuAddButton({ itemId, itemName, ordering }: { itemId: number; itemName: string; ordering: MenuOrdering }) {
  const { cart } = useMenuVisitor();
  const { add, change } = useCartActions(ordering);
  return (
    <div className="w-full noscript:hidden">
      <AddToCartButton
        add={(replace) => add(itemId, replace)}
        change={(quantity) => change(itemId, quantity)}
        quantity={cart.lines.find((line) => line.itemId === itemId)?.quantity ?? 0}
        itemName={itemName}
        loginNext={ordering.path}
      />
    </div>
  );
}

/** The side cart on desktop. */
export function MenuCartPanel({
  orderable,
  ordering,
  pricing,
  onEmptied,
}: {
  orderable: boolean;
  ordering: MenuOrdering;
  pricing: CartPricing;
  onEmptied?: (itemId: number) => void;
}) {
  const { cart, loading, retry } = useMenuVisitor();
  const { change } = useCartActions(ordering);
  return (
    <CartPanel
      lines={cart.lines}
      change={change}
      orderable={orderable}
      elsewhere={cart.elsewhere}
      loading={loading}
      retry={retry}
      pricing={pricing}
      onEmptied={onEmptied}
    />
  );
}

/**
 * The phone's cart bar (the page keeps room under it: app/globals.css, body:has([data-cart-bar])), and
 * the cart it opens over the menu (the side cart's content).
 */
export function MenuCartBar({ orderable, ordering, pricing }: { orderable: boolean; ordering: MenuOrdering; pricing: CartPricing }) {
  const { cart, retry } = useMenuVisitor();
  const [open, setOpen] = useState(false);
  const count = dishesIn(cart.lines);
  // The last dish taken out in the sheet closes it, and the bar goes too: the dialog hands focus back
  // to the bar, gone, so it went to <body>. It goes to that dish's ADD on the menu instead.
  const emptied = useRef<number | null>(null);
  useEffect(() => {
    if (count > 0 || emptied.current === null) return;
    const row = document.getElementById(dishAnchor(emptied.current));
    emptied.current = null;
    [...(row?.querySelectorAll('button') ?? [])].find((button) => button.textContent?.startsWith('ADD'))?.focus();
  }, [count]);
  return (
    <>
      <CartBar count={count} totalPaise={cart.totalPaise} onOpen={() => setOpen(true)} elsewhere={cart.elsewhere} retry={retry} />
      {/* The last dish taken out in the sheet closes it, with the bar. */}
      <CartSheet
        open={open && count > 0}
        onClose={() => {
          setOpen(false);
          if (count > 0) emptied.current = null;
        }}
      >
        <MenuCartPanel
          orderable={orderable}
          ordering={ordering}
          pricing={pricing}
          onEmptied={(itemId) => {
            emptied.current = itemId;
          }}
        />
      </CartSheet>
    </>
  );
}
