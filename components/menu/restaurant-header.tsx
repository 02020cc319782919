import { OfferTag } from '@/components/restaurant/offer-tag';
import { PureVegBadge } from '@/components/restaurant/pure-veg-badge';
import { RatingBadge } from '@/components/restaurant/rating-badge';
import { RatingCount } from '@/components/restaurant/rating-count';
import { RestaurantPicture } from '@/components/restaurant/restaurant-picture';
import { formatClosed, formatCostForTwo, formatDeliveryFee, formatDeliveryPromise } from '@/lib/format';
import type { RestaurantMenu } from '@/lib/menus/types';

/** Banner, name and the facts people decide on: rating, delivery time and fee, cost, veg, open or not. */
export function RestaurantHeader({ restaurant }: { restaurant: RestaurantMenu['restaurant'] }) {
  return (
    <header className="overflow-hidden rounded-3xl border border-line bg-white shadow-sm">
      <div className="relative aspect-[2/1] sm:aspect-[3/1] lg:aspect-[4/1]" data-testid="menu-cover">
        {/* The narrow page column (max-w-4xl) is at most 896px wide. */}
        <RestaurantPicture restaurant={restaurant} sizes="(min-width: 896px) 896px, 100vw" priority dimmed={!restaurant.isOpen} />
      </div>
      <div className="flex flex-col gap-3 p-5 sm:p-6">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <h1 className="text-2xl font-extrabold tracking-tight text-ink sm:text-3xl">{restaurant.name}</h1>
            <p className="mt-1 text-sm font-medium text-brand-700">{restaurant.cuisines.join(', ')}</p>
            <p className="text-sm text-muted">
              {restaurant.area}, {restaurant.city.name}
            </p>
          </div>
          {restaurant.pureVeg ? <PureVegBadge className="text-sm" /> : null}
        </div>
        <ul className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm font-semibold text-ink">
          <li className="flex items-center gap-1.5">
            <RatingBadge rating={restaurant.rating} size="md" />
            <RatingCount count={restaurant.ratingCount} className="font-normal" />
          </li>
          <li className="flex items-center gap-1.5" data-testid="menu-delivery-time">
            <ClockIcon />
            {formatDeliveryPromise(restaurant)}
          </li>
          <li data-testid="menu-delivery-fee">{formatDeliveryFee(restaurant.deliveryFeePaise)}</li>
          <li>{formatCostForTwo(restaurant.costForTwo)}</li>
        </ul>
        {restaurant.offer ? (
          <OfferTag offer={restaurant.offer} detailed className="rounded-xl border border-brand-200 bg-brand-50 px-3 py-2" />
        ) : null}
        {restaurant.isOpen ? null : (
          <p data-testid="menu-closed" className="rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
            <strong className="font-semibold">{formatClosed(restaurant.opensAt)}.</strong> You can browse the menu, but this
            restaurant isn&apos;t taking orders right now.
          </p>
        )}
      </div>
    </header>
  );
}

function ClockIcon() {
  return (
    <svg viewBox="0 0 20 20" className="size-4 text-muted" aria-hidden="true" focusable="false">
      <circle cx="10" cy="10" r="7.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
      <path d="M10 6v4.2l2.8 1.8" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}
