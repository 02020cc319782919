import type { MenuCart } from './types';

/** The cart of a visitor who has none here: nothing in it, nowhere else either. */
export const EMPTY_CART: MenuCart = { lines: [], totalPaise: 0, elsewhere: null };
