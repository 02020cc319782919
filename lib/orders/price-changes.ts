/** A dish whose price at checkout differs from the one the menu showed when it was added. */
export interface PriceChange {
  menuItemId: number;
  name: string;
  wasPaise: number;
  nowPaise: number;
}

/**
 * The cart's lines whose checkout price (Postgres) differs from the price remembered at their last ADD
 * (lib/cart/cart.ts readAddedPrices). A line with no remembered price is left out: nothing to compare.
 */
export function priceChanges(
  lines: readonly { menuItemId: number; name: string; pricePaise: number; available?: boolean }[],
  added: ReadonlyMap<number, number>,
): PriceChange[] {
  return lines.flatMap((line) => {
    const was = added.get(line.menuItemId);
    if (was === undefined || was === line.pricePaise || line.available === false) return [];
    return [{ menuItemId: line.menuItemId, name: line.name, wasPaise: was, nowPaise: line.pricePaise }];
  });
}
