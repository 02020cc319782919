import 'server-only';

import { eq, sql } from 'drizzle-orm';

import type { Database } from '@/db/client';
import { cities } from '@/db/schema';

import { MAX_DISH_HITS, MAX_DISHES_PER_RESTAURANT, MAX_RESTAURANT_HITS } from './limits';
import type { DishHit, RestaurantHit, SearchResults } from './types';

/**
 * A city's search, in one SQL statement (one round trip per cache miss). The matching and ranking
 * rules are docs/decisions/017-search.md; the SQL functions (search_fold, search_skeleton and the two
 * tsquery builders) are in migration 0008, the generated search columns in 0009.
 *
 * A name matches when the search is within trigram word similarity of it (`<%`, pg_trgm's default
 * threshold 0.6: typos and partial words) or when every search word's consonant skeleton is one of
 * its words' (vowel-level transliterations). Descriptions and cuisines match by whole words, the last
 * one as a prefix. `query` must come from normalizeQuery (lib/search/query.ts).
 */

export { MAX_DISH_HITS, MAX_DISHES_PER_RESTAURANT, MAX_RESTAURANT_HITS };
/** Added to a name's trigram score when its skeleton matches too, so "panir" prefers Paneer to Pani Puri. */
const SKELETON_BONUS = 0.3;
// Constants of the statement, inlined: they are not input, and a literal keeps their SQL types obvious.
const bonus = sql.raw(String(SKELETON_BONUS));

/**
 * The search's folded text and its two tsqueries. Each is an uncorrelated scalar subquery, so Postgres
 * computes it once per statement (an InitPlan) instead of once per row under a generic plan.
 */
function searchTerms(query: string) {
  return {
    folded: sql`(select search_fold(${query}))`,
    skeleton: sql`(select search_skeleton_query(${query}))`,
    prefix: sql`(select search_prefix_query(${query}))`,
  };
}

function restaurantsSql(query: string) {
  const { folded, skeleton, prefix } = searchTerms(query);
  const nameSkeleton = sql`to_tsvector('simple', search_skeleton(r.search_name)) @@ ${skeleton}`;
  return sql<RestaurantHit[]>`(
    select coalesce(json_agg(hit order by rank), '[]'::json) from (
      select json_build_object(
          'slug', r.slug, 'name', r.name, 'area', r.area, 'cuisines', r.cuisines, 'rating', r.rating, 'ratingCount', r.rating_count,
          'deliveryMinutes', r.delivery_minutes, 'costForTwo', r.cost_for_two, 'pureVeg', r.pure_veg,
          'isOpen', r.is_open, 'opensAt', r.opens_at, 'photoUrl', r.photo_url, 'matched', case when m.by_name then 'name' else 'cuisine' end
        ) as hit,
        row_number() over (
          order by r.is_open desc, m.by_name desc, case when m.by_name then m.name_score else 0 end desc,
            -- Among names the closest whole name; among cuisine matches, places whose main cuisine it is.
            case when m.by_name then similarity(${folded}, r.search_name) else similarity(${folded}, search_fold(r.cuisines[1])) end desc,
            r.rating desc, r.slug
        ) as rank
      from restaurants r
      cross join lateral (
        select
          ${folded} <% r.search_name or ${nameSkeleton} as by_name,
          word_similarity(${folded}, r.search_name) + case when ${nameSkeleton} then ${bonus} else 0 end as name_score,
          ${folded} <% r.search_cuisines
            or to_tsvector('simple', search_skeleton(r.search_cuisines)) @@ ${skeleton}
            or to_tsvector('simple', r.search_cuisines) @@ ${prefix} as by_cuisine
      ) m
      where r.city_id = cities.id and (m.by_name or m.by_cuisine)
      order by rank
      limit ${sql.raw(String(MAX_RESTAURANT_HITS))}
    ) hits
  )`;
}

function dishesSql(query: string) {
  const { folded, skeleton, prefix } = searchTerms(query);
  // The city's dishes come through the restaurant index and are matched row by row on their stored
  // search columns: a few milliseconds for ~900 dishes. Trigram GIN indexes were measured and never
  // chosen for a city-scoped search (docs/decisions/017-search.md).
  const byName = sql`(mi.search_name %> ${folded} or mi.search_skeleton @@ ${skeleton})`;
  const order = sql`(r.is_open and mi.available) desc, s.by_name desc, case when s.by_name then s.name_score else 0 end desc,
    (mi.search_name = ${folded}) desc, mi.bestseller desc, similarity(${folded}, mi.search_name) desc, r.rating desc, mi.id`;
  return sql<DishHit[]>`(
    select coalesce(json_agg(hit order by rank), '[]'::json) from (
      select hit, rank from (
        select json_build_object(
            'id', mi.id, 'name', mi.name, 'description', mi.description, 'pricePaise', mi.price_paise,
            'veg', mi.veg, 'available', mi.available, 'bestseller', mi.bestseller, 'photoUrl', mi.photo_url,
            'category', mc.name, 'restaurant', json_build_object('slug', r.slug, 'name', r.name, 'isOpen', r.is_open, 'opensAt', r.opens_at),
            'matched', case when s.by_name then 'name' else 'description' end
          ) as hit,
          row_number() over (order by ${order}) as rank,
          row_number() over (partition by r.id order by ${order}) as in_restaurant
        from menu_items mi
        join restaurants r on r.id = mi.restaurant_id
        join menu_categories mc on mc.id = mi.category_id
        cross join lateral (
          select ${byName} as by_name,
            word_similarity(${folded}, mi.search_name)
              + case when mi.search_skeleton @@ ${skeleton} then ${bonus} else 0 end as name_score
        ) s
        where r.city_id = cities.id and (${byName} or mi.search_description @@ ${prefix})
      ) ranked
      where in_restaurant <= ${sql.raw(String(MAX_DISHES_PER_RESTAURANT))}
      order by rank
      limit ${sql.raw(String(MAX_DISH_HITS))}
    ) hits
  )`;
}

/** The statement itself, for loadCitySearch and for tests that EXPLAIN it. */
export function citySearchStatement(db: Database, citySlug: string, query: string) {
  return db
    .select({
      city: { slug: cities.slug, name: cities.name },
      restaurants: restaurantsSql(query),
      dishes: dishesSql(query),
    })
    .from(cities)
    .where(eq(cities.slug, citySlug));
}

/** The city's matching restaurants and dishes, best first; null for an unknown city. */
export async function loadCitySearch(db: Database, citySlug: string, query: string): Promise<SearchResults | null> {
  const [row] = await citySearchStatement(db, citySlug, query);
  if (!row) return null;
  return { city: row.city, restaurants: parseJson(row.restaurants), dishes: parseJson(row.dishes) };
}

/** postgres.js and PGlite both parse `json` results, but a driver that hands back text still works. */
function parseJson<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}
