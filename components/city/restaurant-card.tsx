import Link from 'next/link';

import { OfferTag } from '@/components/restaurant/offer-tag';
import { PureVegBadge } from '@/components/restaurant/pure-veg-badge';
import { RatingBadge } from '@/components/restaurant/rating-badge';
import { RatingCount } from '@/components/restaurant/rating-count';
import { RestaurantPicture } from '@/components/restaurant/restaurant-picture';
import { formatCostForTwo, formatDeliveryPromise } from '@/lib/format';
import type { RestaurantSummary } from '@/lib/menus/types';

/** A row (square art beside the text) on phones, a column (wide art above the text) from sm up. */
const restaurantCardLayout = {
  root: 'relative flex h-full gap-4 rounded-2xl sm:flex-col sm:gap-0',
  art: 'relative aspect-square w-32 shrink-0 overflow-hidden rounded-2xl sm:aspect-[16/10] sm:w-full',
  body: 'flex min-w-0 flex-1 flex-col justify-center gap-1 sm:justify-start sm:px-1 sm:pt-3',
} as const;

/** The card picture's width at each breakpoint (a 128px square on phones, then the grid's column). */
const RESTAURANT_CARD_SIZES = '(min-width: 1280px) 300px, (min-width: 1024px) 33vw, (min-width: 640px) 50vw, 128px';

/** A city listing's restaurant, or a search hit (which carries no offer). */
export type CardRestaurant = Omit<RestaurantSummary, 'offer'> & Partial<Pick<RestaurantSummary, 'offer'>>;

export function RestaurantCard({ restaurant, citySlug }: { restaurant: CardRestaurant; citySlug: string }) {
  const closed = !restaurant.isOpen;
  return (
    <article
      data-testid="restaurant-card"
      data-open={restaurant.isOpen ? 'true' : 'false'}
      className={`${restaurantCardLayout.root} group transition has-[a:focus-visible]:outline-3 has-[a:focus-visible]:outline-offset-4 has-[a:focus-visible]:outline-brand-600`}
    >
      <div
        className={`${restaurantCardLayout.art} shadow-sm transition duration-200 group-hover:shadow-md motion-safe:group-hover:scale-[0.98]`}
      >
        <RestaurantPicture restaurant={restaurant} sizes={RESTAURANT_CARD_SIZES} dimmed={closed} />
        {restaurant.pureVeg ? <PureVegBadge className="absolute top-2 left-2 shadow-sm sm:top-2.5 sm:left-2.5" /> : null}
        {closed ? (
          <p className="absolute inset-x-0 bottom-0 bg-ink/80 px-2 py-1.5 text-center text-xs font-semibold text-white sm:px-3 sm:py-2 sm:text-sm">
            Currently closed
          </p>
        ) : null}
      </div>
      <div className={restaurantCardLayout.body}>
        <h2 className={`line-clamp-2 text-base leading-snug font-bold sm:truncate sm:text-lg ${closed ? 'text-muted' : 'text-ink'}`}>
          <Link
            href={`/${citySlug}/${restaurant.slug}`}
            prefetch={false}
            className="outline-none group-hover:text-brand-700 after:absolute after:inset-0 after:rounded-2xl"
          >
            {restaurant.name}
          </Link>
        </h2>
        {/* Wraps on the narrowest phones (320px), where rating, count and time overflowed the page. On
            phones the time has a line of its own: wrapping where it fell left some cards' "•" dangling at a line's end.
            A closed one's "Opens at 7:00 pm" has a line of its own everywhere: in the desktop grid it did not fit
            beside the rating, and left the "•" dangling there too. */}
        <p className={`flex flex-wrap items-center gap-x-2 gap-y-0.5 text-sm font-semibold ${closed ? 'text-muted' : 'text-ink'}`}>
          <RatingBadge rating={restaurant.rating} muted={closed} />
          <RatingCount count={restaurant.ratingCount} className="text-xs font-normal" />
          {closed ? null : (
            <span aria-hidden="true" data-testid="card-separator" className="hidden text-muted sm:inline">
              •
            </span>
          )}
          <span data-testid="card-delivery" className={closed ? 'basis-full' : 'basis-full sm:basis-auto'}>
            {formatDeliveryPromise(restaurant)}
          </span>
        </p>
        <p className="truncate text-sm text-muted">{restaurant.cuisines.join(', ')}</p>
        <p className="text-sm text-muted">{formatCostForTwo(restaurant.costForTwo)}</p>
        {restaurant.offer && !closed ? <OfferTag offer={restaurant.offer} /> : null}
      </div>
    </article>
  );
}
