/** The element id of a dish's row, for links from elsewhere (city search results) and the cart's focus. */
export const dishAnchor = (itemId: number) => `dish-${itemId}`;
