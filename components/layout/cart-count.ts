/**
 * The header's cart count (components/layout/header-cart-link.tsx), in the browser only: pages are
 * shared by every visitor (docs/decisions/046), so no count is ever in their HTML. A page that reads
 * the cart itself (a menu page's visitor parts, checkout) claims the count and shows what it read, so
 * the header asks nothing there; on any other page the header asks GET /api/cart/count after load.
 */
let count: number | null = null;
let claims = 0;
const listeners = new Set<() => void>();

function set(next: number | null) {
  if (next === count) return;
  count = next;
  for (const listener of listeners) listener();
}

export function subscribeCartCount(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Dishes in this visitor's cart (quantities summed) as last known, or null when unknown. */
export function cartCount(): number | null {
  return count;
}

/** Whether the page on screen reads the cart itself (and so shows its count): the header then asks nothing. */
export function pageReadsCart(): boolean {
  return claims > 0;
}

/** A page that reads the cart claims the count while it is on screen (from a layout effect, so before the header's effect). */
export function claimCartCount(): () => void {
  claims += 1;
  return () => {
    claims -= 1;
  };
}

/** What the page, or the header's own request, read; null forgets it (no cart or session any more). */
export function showCartCount(next: number | null): void {
  set(next === null || !Number.isSafeInteger(next) || next < 0 ? null : next);
}
