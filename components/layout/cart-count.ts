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

/** How many counts pages have told (askCartCount's answer yields to any told after it asked). */
let told = 0;

function show(next: number | null) {
  set(next === null || !Number.isSafeInteger(next) || next < 0 ? null : next);
}

/** What the page read; null forgets it (no cart or session any more). */
export function showCartCount(next: number | null): void {
  told += 1;
  show(next);
}

/**
 * The header's own request (GET /api/cart/count): shows its answer unless a page reads the cart, or
 * told a count while it was on its way (an ADD on a search result). A 503 or no answer keeps what was
 * shown: never a count of 0 for a cart that is there.
 */
export async function askCartCount(signal?: AbortSignal): Promise<void> {
  const since = told;
  try {
    const response = await fetch('/api/cart/count', { credentials: 'same-origin', cache: 'no-store', signal });
    if (!response.ok) return;
    const { items } = (await response.json()) as { items: unknown };
    // A count told meanwhile is newer: this answer may have been read before that ADD was made.
    if (typeof items === 'number' && !pageReadsCart() && told === since) show(items);
  } catch {
    // Offline, or aborted by a navigation: the count stays as it was.
  }
}
