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

/**
 * The cart's restaurant and each line's quantity (item id → quantity), as GET /api/cart/count last
 * said or a search's ADD or − / + answered since: the search's dishes show their steppers from it.
 * Null when unknown (no answer yet, or a page that reads the cart itself).
 */
export interface CartLines {
  restaurant: string | null;
  quantities: ReadonlyMap<number, number>;
}

let lines: CartLines | null = null;

export function cartLines(): CartLines | null {
  return lines;
}

function setLines(next: CartLines | null) {
  lines = next;
  for (const listener of listeners) listener();
}

/** How many of `itemId` from `restaurant` the cart holds, as last known (0 when unknown). */
export function quantityInCart(known: CartLines | null, restaurant: string, itemId: number): number {
  return known && known.restaurant === restaurant ? (known.quantities.get(itemId) ?? 0) : 0;
}

/**
 * What an ADD or − / + on a search's dish of `restaurant` answered: that restaurant's lines (its
 * MenuCart). No lines there and the cart held elsewhere leaves what is known of that other cart.
 */
export function showCartLinesOf(restaurant: string, cart: { lines: readonly { itemId: number; quantity: number }[]; elsewhere: unknown }): void {
  if (cart.lines.length === 0 && cart.elsewhere) {
    if (lines?.restaurant === restaurant) setLines(null);
    return;
  }
  setLines({ restaurant: cart.lines.length > 0 ? restaurant : null, quantities: new Map(cart.lines.map((line) => [line.itemId, line.quantity])) });
}

/** An ADD answered only with its dish's quantity: that line, beside what was known of the same restaurant's cart. */
export function showCartLineQuantity(restaurant: string, itemId: number, quantity: number): void {
  const quantities = new Map(lines?.restaurant === restaurant ? lines.quantities : []);
  quantities.set(itemId, quantity);
  setLines({ restaurant, quantities });
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
  if (next === null && lines !== null) setLines(null);
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
    const answer = (await response.json()) as { items?: unknown; restaurant?: unknown; lines?: unknown };
    // A count told meanwhile is newer: this answer may have been read before that ADD was made.
    if (typeof answer.items !== 'number' || pageReadsCart() || told !== since) return;
    show(answer.items);
    setLines(linesOf(answer.restaurant, answer.lines));
  } catch {
    // Offline, or aborted by a navigation: the count stays as it was.
  }
}

/** The route's restaurant and lines, or null when they are not what it sends. */
function linesOf(restaurant: unknown, list: unknown): CartLines | null {
  if ((restaurant !== null && typeof restaurant !== 'string') || !Array.isArray(list)) return null;
  const quantities = new Map<number, number>();
  for (const line of list as { itemId?: unknown; quantity?: unknown }[]) {
    if (typeof line?.itemId === 'number' && typeof line.quantity === 'number') quantities.set(line.itemId, line.quantity);
  }
  return { restaurant, quantities };
}
