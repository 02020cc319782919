'use client';

import { AddToCartButton, type AddOutcome } from '@/components/customer/add-to-cart';
import { CartBar } from '@/components/customer/cart-bar';
import { CartPanel } from '@/components/customer/cart-panel';
import type { MenuCart } from '@/lib/menus/types';

import { useMenuVisitor } from './menu-visitor';

/** The page's cart actions for one restaurant, and where sign-in should return to. */
export interface MenuOrdering {
  add: (itemId: number, replace: boolean) => Promise<AddOutcome>;
  /** Null when there is no cart to change. */
  change: (itemId: number, quantity: number) => Promise<MenuCart | null>;
  path: string;
}

/** A cart action's answer, shown: the page's cart is what the server says it now is. */
function useCartAnswers(ordering: MenuOrdering) {
  const { setCart } = useMenuVisitor();
  return {
    add: async (itemId: number, replace: boolean) => {
      const outcome = await ordering.add(itemId, replace);
      if (outcome.status === 'added') setCart(outcome.cart);
      return outcome;
    },
    change: async (itemId: number, quantity: number) => {
      const cart = await ordering.change(itemId, quantity);
      if (cart) setCart(cart);
    },
  };
}

/** A dish's ADD button, or its − / + stepper once this visitor's cart holds it. */
export function MenuAddButton({ itemId, itemName, ordering }: { itemId: number; itemName: string; ordering: MenuOrdering }) {
  const { cart } = useMenuVisitor();
  const { add, change } = useCartAnswers(ordering);
  return (
    <AddToCartButton
      add={(replace) => add(itemId, replace)}
      change={(quantity) => change(itemId, quantity)}
      quantity={cart.lines.find((line) => line.itemId === itemId)?.quantity ?? 0}
      itemName={itemName}
      loginNext={ordering.path}
    />
  );
}

/** The side cart on desktop. */
export function MenuCartPanel({ orderable, ordering }: { orderable: boolean; ordering: MenuOrdering }) {
  const { cart, loading } = useMenuVisitor();
  const { change } = useCartAnswers(ordering);
  return <CartPanel lines={cart.lines} change={change} orderable={orderable} elsewhere={cart.elsewhere} loading={loading} />;
}

/** The phone's cart bar, with room kept under the menu so it never covers the last dish. */
export function MenuCartBar() {
  const { cart } = useMenuVisitor();
  const count = cart.lines.reduce((sum, line) => sum + line.quantity, 0);
  if (count === 0) return null;
  return (
    <>
      <div aria-hidden="true" className="h-20 lg:hidden" />
      <CartBar count={count} totalPaise={cart.totalPaise} />
    </>
  );
}
