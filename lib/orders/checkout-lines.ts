/**
 * The checkout cart panel's lines from a quote's; a dish that can't be ordered says so in its name,
 * and is marked so the panel offers only to remove it.
 */
export function checkoutLines(lines: readonly { menuItemId: number; name: string; pricePaise: number; quantity: number; available?: boolean }[]) {
  return lines.map((line) => ({
    itemId: line.menuItemId,
    name: line.available === false ? `${line.name} (not available)` : line.name,
    pricePaise: line.pricePaise,
    quantity: line.quantity,
    ...(line.available === false ? { unavailable: true } : {}),
  }));
}
