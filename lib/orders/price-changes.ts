/** A dish whose price at checkout differs from the one the menu showed when it was added. */
export interface PriceChange {
  menuItemId: number;
  name: string;
  wasPaise: number;
  nowPaise: number;
  /** The price it was is what the reordered order paid (checkout opened by a reorder), not a menu's. */
  sinceOrder?: true;
}

/**
 * The cart's lines whose checkout price (Postgres) differs from the price remembered at their last ADD
 * (lib/cart/cart.ts readAddedPrices). A line with no remembered price is left out: nothing to compare.
 * `ordered`, after a reorder: what that order paid for each dish. A change from that price is "since
 * your order"; any other (a dish added from the menu, or `?reordered=` naming another order of the same
 * restaurant) stays "since you added it" (customer walk: they all said "since your order").
 */
export function priceChanges(
  lines: readonly { menuItemId: number; name: string; pricePaise: number; available?: boolean }[],
  added: ReadonlyMap<number, number>,
  ordered?: ReadonlyMap<number, number>,
): PriceChange[] {
  return lines.flatMap((line) => {
    const was = added.get(line.menuItemId);
    if (was === undefined || was === line.pricePaise || line.available === false) return [];
    const change: PriceChange = { menuItemId: line.menuItemId, name: line.name, wasPaise: was, nowPaise: line.pricePaise };
    return [ordered?.get(line.menuItemId) === was ? { ...change, sinceOrder: true as const } : change];
  });
}
