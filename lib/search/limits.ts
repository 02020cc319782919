/**
 * How much one city search answers (lib/search/queries.ts applies them in SQL). Here, without
 * server-only, so the results page can tell a full list (there may be more) from a short one.
 */
export const MAX_RESTAURANT_HITS = 20;
export const MAX_DISH_HITS = 40;
/** So one dosa house can't fill every slot: at most this many dishes from any one restaurant. */
export const MAX_DISHES_PER_RESTAURANT = 4;
