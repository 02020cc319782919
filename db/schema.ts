import { sql, type SQL } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** Postgres full-text vector; only ever written by generated columns and read in SQL (lib/search). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/*
 * Newest-first indexes say `.desc().nullsFirst()`: that is Postgres's DESC, what `desc()` in an ORDER BY
 * asks for. drizzle's `.desc()` alone is DESC NULLS LAST, which that ORDER BY can't read in order, even
 * on a NOT NULL column, so Postgres read every matching row and sorted them (migration 0017).
 */

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const cities = pgTable('cities', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  state: text('state').notNull(),
  ...timestamps,
});

export const restaurants = pgTable(
  'restaurants',
  {
    id: serial('id').primaryKey(),
    cityId: integer('city_id')
      .notNull()
      .references(() => cities.id, { onDelete: 'cascade' }),
    // Unique across cities, so /api/restaurants/<slug>/menu needs no city.
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    area: text('area').notNull(),
    cuisines: text('cuisines').array().notNull(),
    rating: numeric('rating', { precision: 2, scale: 1, mode: 'number' }).notNull(),
    deliveryMinutes: integer('delivery_minutes').notNull(),
    /** Whole rupees, as food-delivery apps show it ("₹400 for two"). */
    costForTwo: integer('cost_for_two').notNull(),
    /** How many customers rated it: shown beside the rating ("4.3 · 1.2K ratings"). */
    ratingCount: integer('rating_count').notNull().default(0),
    /** What the bill charges for delivery and packaging (lib/orders/bill.ts), in paise. */
    deliveryFeePaise: integer('delivery_fee_paise').notNull().default(3000),
    packagingFeePaise: integer('packaging_fee_paise').notNull().default(1500),
    pureVeg: boolean('pure_veg').notNull().default(false),
    isOpen: boolean('is_open').notNull().default(true),
    /**
     * When it opens, as a time of day in India ("11:00", 24-hour), shown while it is closed ("Closed ·
     * opens at 11:00 am"); null says nothing. A note the admin sets with the open switch, not a schedule.
     */
    opensAt: text('opens_at'),
    /** Cover photo (lib/media): a content-addressed, immutable URL; null shows the cuisine's illustration. */
    photoUrl: text('photo_url'),
    /** Bumped by every admin save; a save that read an older version is a conflict. */
    version: integer('version').notNull().default(1),
    // What search compares (lib/search; functions in migration 0008), kept by Postgres on every write.
    searchName: text('search_name')
      .notNull()
      .generatedAlwaysAs((): SQL => sql`search_fold(${restaurants.name})`),
    searchCuisines: text('search_cuisines')
      .notNull()
      .generatedAlwaysAs((): SQL => sql`search_fold_all(${restaurants.cuisines})`),
    ...timestamps,
  },
  (table) => [
    // A city's restaurants. Only city_id is read: the listing orders open ones first (lib/menus/queries.ts),
    // which no order of this index gives, so its columns after city_id serve no query.
    index('restaurants_city_rating_idx').on(table.cityId, table.rating.desc(), table.slug),
    check('restaurants_rating_range', sql`${table.rating} between 0 and 5`),
    check('restaurants_delivery_positive', sql`${table.deliveryMinutes} > 0`),
    check('restaurants_cost_positive', sql`${table.costForTwo} > 0`),
    check('restaurants_rating_count_not_negative', sql`${table.ratingCount} >= 0`),
    check('restaurants_opens_at_time', sql`${table.opensAt} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
    check('restaurants_fees_bounded', sql`${table.deliveryFeePaise} between 0 and 100000 and ${table.packagingFeePaise} between 0 and 100000`),
  ],
);

export const menuCategories = pgTable(
  'menu_categories',
  {
    id: serial('id').primaryKey(),
    restaurantId: integer('restaurant_id')
      .notNull()
      .references(() => restaurants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    ...timestamps,
  },
  (table) => [
    uniqueIndex('menu_categories_restaurant_name_idx').on(table.restaurantId, table.name),
    index('menu_categories_restaurant_position_idx').on(table.restaurantId, table.position),
  ],
);

export const menuItems = pgTable(
  'menu_items',
  {
    id: serial('id').primaryKey(),
    // Denormalised from the category so one indexed scan reads a whole menu.
    restaurantId: integer('restaurant_id')
      .notNull()
      .references(() => restaurants.id, { onDelete: 'cascade' }),
    categoryId: integer('category_id')
      .notNull()
      .references(() => menuCategories.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** Integer paise (1 rupee = 100 paise): money is never a float. */
    pricePaise: integer('price_paise').notNull(),
    veg: boolean('veg').notNull(),
    available: boolean('available').notNull().default(true),
    bestseller: boolean('bestseller').notNull().default(false),
    position: integer('position').notNull(),
    /** Dish photo (lib/media): a content-addressed, immutable URL; null shows the category's illustration. */
    photoUrl: text('photo_url'),
    /** Bumped by every admin save; a save that read an older version is a conflict. */
    version: integer('version').notNull().default(1),
    // What search compares (lib/search; functions in migration 0008), kept by Postgres on every write.
    searchName: text('search_name')
      .notNull()
      .generatedAlwaysAs((): SQL => sql`search_fold(${menuItems.name})`),
    searchSkeleton: tsvector('search_skeleton')
      .notNull()
      .generatedAlwaysAs((): SQL => sql`to_tsvector('simple', search_skeleton(search_fold(${menuItems.name})))`),
    searchDescription: tsvector('search_description')
      .notNull()
      .generatedAlwaysAs((): SQL => sql`to_tsvector('simple', search_fold(${menuItems.description}))`),
    ...timestamps,
  },
  (table) => [
    uniqueIndex('menu_items_restaurant_name_idx').on(table.restaurantId, table.name),
    index('menu_items_restaurant_category_position_idx').on(table.restaurantId, table.categoryId, table.position),
    check('menu_items_price_positive', sql`${table.pricePaise} > 0`),
    // lib/orders/limits.ts's MAX_PRICE_PAISE (₹1,00,000): with the cart's bounds, what an order can total.
    check('menu_items_price_at_most_one_lakh', sql`${table.pricePaise} <= 10000000`),
  ],
);

export const admins = pgTable('admins', {
  id: serial('id').primaryKey(),
  /** Stored lowercased and trimmed. */
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  /** `scrypt$N$r$p$<salt b64>$<hash b64>` (see lib/auth/password.ts). */
  passwordHash: text('password_hash').notNull(),
  /** Set while the admin may not sign in (the Team page); sign-in refuses them. */
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  /**
   * Raised whenever this admin's sessions must end (disabled, password changed): each session carries
   * the epoch it was opened under and stops at once when Redis has a newer one (lib/auth/revocation.ts).
   */
  sessionEpoch: integer('session_epoch').notNull().default(1),
  ...timestamps,
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    adminId: integer('admin_id').references(() => admins.id, { onDelete: 'set null' }),
    /** e.g. restaurant.update, item.create, item.update, item.delete, cache.purge */
    action: text('action').notNull(),
    restaurantId: integer('restaurant_id').references(() => restaurants.id, { onDelete: 'set null' }),
    /** What was changed, e.g. `menu_item:123` or a cache namespace. */
    target: text('target').notNull(),
    /** Field-level before/after, or what was purged. */
    changes: jsonb('changes').$type<Record<string, unknown>>().notNull().default({}),
    invalidatedKeys: text('invalidated_keys').array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // A restaurant's history and one kind's entries (lib/menus/admin-queries.ts), newest first.
    index('audit_log_restaurant_created_idx').on(table.restaurantId, table.createdAt.desc().nullsFirst(), table.id.desc().nullsFirst()),
    index('audit_log_action_created_idx').on(table.action, table.createdAt.desc().nullsFirst(), table.id.desc().nullsFirst()),
  ],
);

/**
 * A transactional outbox for cache invalidation (lib/cache/outbox.ts): what a committed change must
 * invalidate, written in the same transaction as the change, so no commit can lose its invalidation.
 * Applied right after the commit and retried until it has been; `applied_at` says when the keys were
 * really invalidated (the audit log shows it). Applied rows are kept as long as their audit entry.
 */
export const cacheInvalidations = pgTable(
  'cache_invalidations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The change (or purge) that asked for it; rows of one audit entry are deleted with it. */
    auditId: bigint('audit_id', { mode: 'number' }).references(() => auditLog.id, { onDelete: 'cascade' }),
    /** Full Redis keys of cache entries whose generation must be replaced (lib/cache/invalidate.ts). */
    keys: text('keys').array().notNull(),
    // A `tags` column (text[], default '{}') stays, unused, in every database but one that ran 0018 before it became a no-op.
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When every key and tag had been invalidated; null while it is still to be (re)tried. */
    appliedAt: timestamp('applied_at', { withTimezone: true }),
  },
  (table) => [
    // The retry scans: only the rows still pending, oldest first.
    index('cache_invalidations_pending_idx').on(table.id).where(sql`${table.appliedAt} is null`),
    index('cache_invalidations_audit_idx').on(table.auditId),
  ],
);

/** Durable view counts per restaurant and day; Redis holds only what has not been flushed yet. */
export const restaurantDailyViews = pgTable(
  'restaurant_daily_views',
  {
    restaurantId: integer('restaurant_id')
      .notNull()
      .references(() => restaurants.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    views: bigint('views', { mode: 'number' }).notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.restaurantId, table.day] })],
);

/** Flushes already applied, so a flush that crashed after committing is never applied twice. */
export const counterFlushes = pgTable('counter_flushes', {
  id: text('id').primaryKey(),
  appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
});

// ─── Customers and orders ──────────────────────────────────────────────────────────────────────────

/** Customers sign in with an OTP to their mobile number (lib/customers/otp.ts); the number is the account. */
export const customers = pgTable('customers', {
  id: serial('id').primaryKey(),
  /** E.164 without the plus, e.g. `919876543210` (lib/customers/phone.ts normalises). */
  phone: text('phone').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /**
   * The token every session of the customer carries, replaced by "sign out of every device"; Redis
   * holds a short-lived copy beside the sessions (lib/auth/customer-epoch.ts, decision 069). Null until
   * their first sign-in.
   */
  sessionEpoch: text('session_epoch'),
});

/** The steps an order moves through, in order (lib/orders/steps.ts moves it from each to the next). */
export const ORDER_STEPS = ['placed', 'accepted', 'preparing', 'out_for_delivery', 'delivered'] as const;
export type OrderStep = (typeof ORDER_STEPS)[number];
/**
 * Every status: the steps, and `cancelled`, reached from `placed` by its customer (lib/orders/cancel.ts)
 * or from `placed` or `accepted` by the restaurant's admin (lib/orders/admin-cancel.ts).
 */
export const ORDER_STATUSES = [...ORDER_STEPS, 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const orders = pgTable(
  'orders',
  {
    /** A random, unguessable id (`/orders/<id>`), never a sequence. */
    id: text('id').primaryKey(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    restaurantId: integer('restaurant_id')
      .notNull()
      .references(() => restaurants.id, { onDelete: 'restrict' }),
    status: text('status').$type<OrderStatus>().notNull().default('placed'),
    /** A bigint: checkout caps an order at MAX_ORDER_TOTAL_PAISE (lib/orders/limits.ts), and no cap could overflow it. */
    totalPaise: bigint('total_paise', { mode: 'number' }).notNull(),
    /** From the checkout form: a double submit carries the same key and finds the first order. */
    idempotencyKey: text('idempotency_key').notNull(),
    /**
     * The generation of the cart it was placed from (lib/cart/cart.ts cartToOrder): unique per
     * customer, so one cart becomes one order whatever Redis lost. Null on orders placed before.
     */
    cartGeneration: text('cart_generation'),
    // The bill as computed at checkout (lib/orders/bill.ts); null on orders placed before bills were kept.
    itemTotalPaise: bigint('item_total_paise', { mode: 'number' }),
    deliveryFeePaise: integer('delivery_fee_paise'),
    packagingFeePaise: integer('packaging_fee_paise'),
    gstPaise: bigint('gst_paise', { mode: 'number' }),
    discountPaise: bigint('discount_paise', { mode: 'number' }),
    /** The offer applied, as the customer saw it ("20% off up to ₹100"), or null. */
    offerLabel: text('offer_label'),
    /** The delivery address as it was at checkout (addresses can be edited or deleted later). */
    deliveryAddress: text('delivery_address'),
    deliveryInstructions: text('delivery_instructions'),
    /** Cash on delivery is the only payment for now. */
    paymentMethod: text('payment_method').notNull().default('cod'),
    /** When the food should arrive: checkout time plus the restaurant's delivery minutes. */
    etaAt: timestamp('eta_at', { withTimezone: true }),
    /**
     * Why the restaurant cancelled it, as its admin wrote it (the customer's order page and text show
     * it). Null when the customer cancelled it, or it is not cancelled (lib/orders/admin-cancel.ts).
     */
    cancelReason: text('cancel_reason'),
    ...timestamps,
  },
  (table) => [
    uniqueIndex('orders_customer_idempotency_idx').on(table.customerId, table.idempotencyKey),
    // Nulls are distinct: orders placed before carts had generations never conflict.
    uniqueIndex('orders_customer_cart_generation_idx').on(table.customerId, table.cartGeneration),
    // A customer's orders, newest first (/account, checkout), ties broken by id as for a restaurant's below:
    // /account's poll compares its window with the page's, and same-instant orders could swap places.
    index('orders_customer_created_id_idx').on(table.customerId, table.createdAt.desc().nullsFirst(), table.id.desc().nullsFirst()),
    // A restaurant's orders, newest first (its admin page: lib/orders/restaurant-orders.ts), ties broken
    // by id: the page's watch compares windows, and orders placed in the same instant swapped places
    // at the window's edge, which announced a "new order" that wasn't (decision 063's audit-log rule).
    index('orders_restaurant_created_idx').on(table.restaurantId, table.createdAt.desc().nullsFirst(), table.id.desc().nullsFirst()),
    // The reconciler's scan (lib/orders/reconcile.ts): orders still moving (neither delivered nor
    // cancelled), by when they last moved; cancelled orders pile up and must not fill its batch.
    index('orders_open_updated_idx').on(table.updatedAt).where(sql`${table.status} not in ('delivered', 'cancelled')`),
    check(
      'orders_status_known',
      sql`${table.status} in ('placed', 'accepted', 'preparing', 'out_for_delivery', 'delivered', 'cancelled')`,
    ),
    check('orders_total_positive', sql`${table.totalPaise} > 0`),
    check('orders_cancel_reason_length', sql`char_length(${table.cancelReason}) <= 200`),
  ],
);

/** What was ordered, with the name and price as they were at checkout (menus change later). */
export const orderItems = pgTable(
  'order_items',
  {
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    menuItemId: integer('menu_item_id').references(() => menuItems.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    pricePaise: integer('price_paise').notNull(),
    quantity: integer('quantity').notNull(),
    position: integer('position').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.orderId, table.position] }),
    check('order_items_quantity_positive', sql`${table.quantity} > 0`),
    check('order_items_price_positive', sql`${table.pricePaise} > 0`),
  ],
);

/**
 * Each status an order reached and when (the order page shows them), and that status's text to the
 * customer: written in the same transaction as the status change, so a step and its text can't be
 * recorded apart, and claimed by the one job that sends it (lib/orders/texts.ts), so no text goes
 * out twice whatever Redis loses. `text_claimed_at` null: not sent yet; set with `text_sent_at` null:
 * never sent (the send failed for good, or it was too late to be worth sending).
 */
export const orderEvents = pgTable(
  'order_events',
  {
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    status: text('status').$type<OrderStatus>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    textClaimedAt: timestamp('text_claimed_at', { withTimezone: true }),
    textSentAt: timestamp('text_sent_at', { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.orderId, table.status] }),
    // The reconciler's scan for texts whose job was lost: only those nobody has claimed.
    index('order_events_unclaimed_idx').on(table.at).where(sql`${table.textClaimedAt} is null`),
    check(
      'order_events_status_known',
      sql`${table.status} in ('placed', 'accepted', 'preparing', 'out_for_delivery', 'delivered', 'cancelled')`,
    ),
  ],
);

/** A customer's saved delivery addresses (lib/addresses): Indian PIN codes, six digits, the first 1-9. */
export const customerAddresses = pgTable(
  'customer_addresses',
  {
    id: serial('id').primaryKey(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    line1: text('line1').notNull(),
    line2: text('line2').notNull().default(''),
    city: text('city').notNull(),
    pin: text('pin').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('customer_addresses_customer_idx').on(table.customerId, table.id),
    check('customer_addresses_pin_format', sql`${table.pin} ~ '^[1-9][0-9]{5}$'`),
  ],
);

/**
 * One offer per restaurant at most (lib/offers): a percentage (with a cap) or a flat amount, from a
 * minimum item total. Set and removed by admins; applied by the bill.
 */
export const OFFER_KINDS = ['percent', 'flat'] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];

export const restaurantOffers = pgTable(
  'restaurant_offers',
  {
    restaurantId: integer('restaurant_id')
      .primaryKey()
      .references(() => restaurants.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<OfferKind>().notNull(),
    /** percent: 1-90. */
    percent: integer('percent'),
    /** percent: the most it takes off, in paise. */
    maxDiscountPaise: integer('max_discount_paise'),
    /** flat: what it takes off, in paise. */
    flatPaise: integer('flat_paise'),
    /** Item total (paise) from which the offer applies. */
    minOrderPaise: integer('min_order_paise').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check(
      'restaurant_offers_shape',
      sql`(${table.kind} = 'percent' and ${table.percent} between 1 and 90 and ${table.maxDiscountPaise} > 0 and ${table.flatPaise} is null)
        or (${table.kind} = 'flat' and ${table.flatPaise} > 0 and ${table.percent} is null and ${table.maxDiscountPaise} is null)`,
    ),
    check('restaurant_offers_min_order', sql`${table.minOrderPaise} between 0 and 10000000`),
  ],
);

/** A placed order's row, as checkout answers it (lib/orders/checkout.ts). */
export type Order = typeof orders.$inferSelect;

// ─── Favourites ────────────────────────────────────────────────────────────────────────────────────

/**
 * Restaurants a customer saved (lib/favourites). The primary key makes favouriting a set: saving
 * twice is one row, which is what makes a double click or a replayed request change nothing.
 */
export const favourites = pgTable(
  'favourites',
  {
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    restaurantId: integer('restaurant_id')
      .notNull()
      .references(() => restaurants.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.customerId, table.restaurantId] }),
    // The primary key serves a customer's list; this serves a restaurant's rows (its cascade, a recount).
    index('favourites_restaurant_idx').on(table.restaurantId),
  ],
);

/**
 * Each restaurant's favourite count, kept equal to its `favourites` rows by a row-level trigger
 * (migration 0005) in the transaction that inserts or deletes a row, a customer's cascading deletion
 * included; no row means 0. A table of its own so that customers' clicks never lock or rewrite the
 * admin-edited restaurants row.
 */
export const restaurantFavouriteCounts = pgTable(
  'restaurant_favourite_counts',
  {
    restaurantId: integer('restaurant_id')
      .primaryKey()
      .references(() => restaurants.id, { onDelete: 'cascade' }),
    favourites: integer('favourites').notNull().default(0),
  },
  (table) => [
    // The admin dashboard's top list (lib/favourites/dashboard.ts), ties by restaurant.
    index('restaurant_favourite_counts_top_idx').on(table.favourites.desc().nullsFirst(), table.restaurantId),
    check('restaurant_favourite_counts_not_negative', sql`${table.favourites} >= 0`),
  ],
);

