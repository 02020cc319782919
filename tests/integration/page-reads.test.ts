import { describe, expect, it } from 'vitest';

import { hourOf } from '@/lib/views/buckets';
import { figureKeys } from '@/lib/views/keys';
import { cachedTrendingScores, trendingInCity } from '@/lib/views/trending-cache';
import { readWeekFigure } from '@/lib/views/week-figure';
import { readFavouriteState, readOwnFavourite } from '@/lib/favourites/menu-state';
import { getCities, getCityRestaurants, getRestaurantMenu } from '@/lib/menus/cached';
import { readMenuCart } from '@/lib/menus/visitor';
import { processStats } from '@/lib/metrics/process-stats';
import { addToCart, readCart } from '@/lib/cart/cart';
import { dishesIn } from '@/lib/cart/dishes';
import { cartOwners } from '@/lib/cart/keys';

import { backendPairs, setUpBackends } from '../support/backend-matrix';
import { brokenStore, recordViews, restaurantsOf } from '../support/counters';
import { countingStore } from '../support/counting-store';

/**
 * What a warm page costs in reads, through the same functions the pages call (the limiter in the proxy
 * adds one command): no Postgres at all, and at most 3 Redis commands for the menu page rendered per
 * visitor (4 with their cart), 2 for the city page, 1 for home, so a page view stays within 5 with the
 * limiter (a shared page is 1: tests/integration/page-cache.test.ts); a guest's cart, which a shared
 * menu page asks for after load, 2 (so the page view is 5 with both requests' limiter calls). And the cached figures still
 * show a new view on the very next read.
 */
for (const pair of await backendPairs()) {
  describe.skipIf(!pair.runnable)(pair.title('warm page reads'), () => {
    const backends = setUpBackends(pair, { label: 'page-reads', env: { REDIS_TIMEOUT_MS: '5000', OPTIONAL_READ_TIMEOUT_MS: '5000' } });

    async function measure(read: () => Promise<unknown>) {
      const counting = countingStore(backends.redis);
      backends.install(counting.store);
      await read(); // cold: fills every entry
      await read();
      counting.reset();
      const queries = processStats().dbQueries;
      await read();
      return { queries: processStats().dbQueries - queries, commands: [...counting.commands] };
    }

    it('the menu page rendered per visitor: 0 Postgres queries, 3 Redis commands (city, menu, favourite count) before the cart', async () => {
      const [restaurant] = restaurantsOf((await getCityRestaurants('kolkata')).value!);
      await recordViews(restaurant!, 2);
      const page = () =>
        Promise.all([
          getCityRestaurants(restaurant!.citySlug),
          getRestaurantMenu(restaurant!.slug),
          readFavouriteState(restaurant!.slug, null),
        ]);
      const { queries, commands } = await measure(page);
      expect(queries).toBe(0);
      expect(commands).toEqual(['mget', 'mget', 'mget']);
    });

    it('a guest’s own parts of a shared menu page (GET …/visitor): 0 Postgres queries, 2 Redis commands (menu, cart)', async () => {
      const open = (await getCityRestaurants('pune')).value!.restaurants.find((r) => r.isOpen)!;
      const restaurant = { slug: open.slug };
      const menu = (await getRestaurantMenu(restaurant.slug)).value!;
      const owner = cartOwners.guest('pageReadsVisitor000001');
      const item = menu.categories.flatMap((category) => category.items).find((candidate) => candidate.available)!;
      await addToCart(owner, menu, item.id, { store: backends.redis });
      const visitor = () =>
        getRestaurantMenu(restaurant.slug).then(({ value }) => Promise.all([readMenuCart(owner, value!), readOwnFavourite(restaurant.slug, null)]));
      const { queries, commands } = await measure(visitor);
      expect(queries).toBe(0);
      expect(commands).toEqual(['mget', 'hgetall']);
      const [cart, favourite] = await visitor();
      expect(favourite).toEqual({ favourited: null });
      expect(cart?.lines).toEqual([{ itemId: item.id, name: item.name, pricePaise: item.pricePaise, quantity: 1 }]);
    });

    it('the header’s cart count (GET /api/cart/count, a guest): 1 Redis command, 0 Postgres queries; another menu’s page counts the cart it holds elsewhere', async () => {
      const [open, other] = (await getCityRestaurants('pune')).value!.restaurants.filter((r) => r.isOpen);
      const menu = (await getRestaurantMenu(open!.slug)).value!;
      const owner = cartOwners.guest('pageReadsVisitor000003');
      const item = menu.categories.flatMap((category) => category.items).find((candidate) => candidate.available)!;
      await addToCart(owner, menu, item.id, { store: backends.redis });
      await addToCart(owner, menu, item.id, { store: backends.redis });
      const { queries, commands } = await measure(() => readCart(owner));
      expect(queries).toBe(0);
      expect(commands).toEqual(['hgetall']);
      expect(dishesIn((await readCart(owner)).items)).toBe(2);
      const otherMenu = (await getRestaurantMenu(other!.slug)).value!;
      expect((await readMenuCart(owner, otherMenu))?.elsewhere).toEqual({ name: menu.restaurant.name, href: `/pune/${menu.restaurant.slug}`, items: 2 });
    });

    it('a cart Redis can’t read is unknown, not empty: the visitor route answers 503 and the page offers to try again', async () => {
      const open = (await getCityRestaurants('pune')).value!.restaurants.find((r) => r.isOpen)!;
      const menu = (await getRestaurantMenu(open.slug)).value!;
      backends.install(brokenStore());
      expect(await readMenuCart(cartOwners.guest('pageReadsVisitor000002'), menu)).toBeNull();
      // Nobody's cart to read: empty, whatever Redis does.
      expect(await readMenuCart(null, menu)).toEqual({ lines: [], totalPaise: 0, elsewhere: null });
      backends.install();
    });

    it('the city page: 0 Postgres queries, 2 Redis commands (listing, trending snapshot), not 24 ZRANGEs', async () => {
      const city = (await getCityRestaurants('chennai')).value!;
      await recordViews(restaurantsOf(city)[1]!, 3);
      const { queries, commands } = await measure(() => Promise.all([getCityRestaurants('chennai'), trendingInCity(city)]));
      expect(queries).toBe(0);
      expect(commands).toEqual(['mget', 'mget']);
      expect((await trendingInCity(city)).map((entry) => entry.views)).toEqual([3]);
    });

    it('home: 0 Postgres queries, 1 Redis command', async () => {
      expect(await measure(() => getCities())).toEqual({ queries: 0, commands: ['mget'] });
    });

    it('a counted view shows on the next read of the weekly figure and of trending', async () => {
      const city = (await getCityRestaurants('mumbai')).value!;
      const [first, second] = restaurantsOf(city);
      await recordViews(first!, 1);
      expect(await readWeekFigure(first!.slug)).toBe(1);
      expect((await trendingInCity(city)).map((entry) => entry.restaurant.slug)).toEqual([first!.slug]);
      await recordViews(first!, 1);
      await recordViews(second!, 3);
      expect(await readWeekFigure(first!.slug)).toBe(2);
      expect((await trendingInCity(city)).map((entry) => [entry.restaurant.slug, entry.views])).toEqual([
        [second!.slug, 3],
        [first!.slug, 2],
      ]);
    });

    it('a stale trending snapshot is recomputed once for many concurrent readers; while another holds the lease, served as read', async () => {
      const city = (await getCityRestaurants('hyderabad')).value!;
      const [a, b] = restaurantsOf(city);
      await recordViews(a!, 1);
      await cachedTrendingScores('hyderabad');
      await recordViews(b!, 2);

      const counting = countingStore(backends.redis);
      backends.install(counting.store);
      // Another instance is recomputing: this one serves the snapshot it read, without a ZRANGE.
      await backends.redis.set(figureKeys.trendingLease('hyderabad'), 'other', { px: 60_000 });
      expect(await cachedTrendingScores('hyderabad')).toEqual([{ slug: a!.slug, views: 1 }]);
      expect(counting.commands.filter((command) => command === 'zrange')).toHaveLength(0);

      await backends.redis.del([figureKeys.trendingLease('hyderabad')]);
      counting.reset();
      const answers = await Promise.all(Array.from({ length: 20 }, () => cachedTrendingScores('hyderabad')));
      expect(answers.every((answer) => answer?.[0]?.slug === b!.slug)).toBe(true);
      expect(counting.commands.filter((command) => command === 'zrange')).toHaveLength(24);
      // And in the next hour the window has moved: recomputed whatever the lease says.
      await backends.redis.set(figureKeys.trendingLease('hyderabad'), 'other', { px: 60_000 });
      counting.reset();
      const nextHour = new Date(Date.now() + 60 * 60_000);
      expect(hourOf(nextHour)).not.toBe(hourOf(new Date()));
      await cachedTrendingScores('hyderabad', nextHour);
      expect(counting.commands.filter((command) => command === 'zrange')).toHaveLength(24);
      backends.install();
    });

    it('Redis down: the figure comes from Postgres or hides, trending hides; nothing throws', async () => {
      const [restaurant] = restaurantsOf((await getCityRestaurants('ahmedabad')).value!);
      backends.install(brokenStore());
      try {
        expect(await readWeekFigure(restaurant!.slug)).toBe(0);
        expect(await cachedTrendingScores('ahmedabad')).toBeNull();
      } finally {
        backends.install();
      }
    });
  });
}
