import Link from 'next/link';

import { DishPhoto } from '@/components/menu/dish-picture';
import { dishAnchor } from '@/components/menu/dish-anchor';
import { Price } from '@/components/ui/price';
import { VegMark } from '@/components/restaurant/veg-mark';
import { illustrationForDish } from '@/lib/illustrations';
import { formatTimeOfDay } from '@/lib/format';
import type { DishHit } from '@/lib/search/types';

import { DishHitAdd, type SearchOrdering } from './dish-hit-add';

/** "closed now", or "closed, opens at 11:00 am" when its admin said. */
function closedNow(opensAt: string | null | undefined): string {
  const opens = formatTimeOfDay(opensAt);
  return opens ? `closed, opens at ${opens}` : 'closed now';
}

/**
 * One dish a city search found: its picture, veg mark, name (a link to it in its menu), price, its
 * restaurant (a link), and ADD while it can be ordered (with `ordering`; needs JavaScript, as on a menu).
 */
export function DishHitRow({ dish, citySlug, ordering }: { dish: DishHit; citySlug: string; ordering?: SearchOrdering }) {
  const orderable = dish.available && dish.restaurant.isOpen;
  const href = `/${citySlug}/${dish.restaurant.slug}#${dishAnchor(dish.id)}`;
  return (
    <li data-testid="dish-hit" className="flex gap-4 py-4">
      {dish.photoUrl ? (
        <DishPhoto url={dish.photoUrl} className="size-20" />
      ) : (
        <div className="flex size-20 shrink-0 items-center justify-center rounded-xl bg-brand-50">
          {/* eslint-disable-next-line @next/next/no-img-element -- a static SVG: nothing for the optimizer to do. */}
          <img src={illustrationForDish(dish)} alt="" width={64} height={64} loading="lazy" decoding="async" />
        </div>
      )}
      <div className={`min-w-0 flex-1 ${orderable ? 'text-ink' : 'text-muted'}`}>
        <div className="flex items-center gap-2">
          <VegMark veg={dish.veg} className="size-4" />
          <h3 className="truncate text-base font-semibold">
            <Link href={href} prefetch={false} className="hover:text-brand-700 hover:underline">
              {dish.name}
            </Link>
          </h3>
        </div>
        <Price paise={dish.pricePaise} className="mt-0.5 block text-sm font-semibold" />
        <p className="mt-1 truncate text-sm text-muted">
          from{' '}
          <Link
            href={`/${citySlug}/${dish.restaurant.slug}`}
            prefetch={false}
            className="font-medium text-ink underline-offset-4 hover:text-brand-700 hover:underline"
            data-testid="dish-hit-restaurant"
          >
            {dish.restaurant.name}
          </Link>
          {dish.restaurant.isOpen ? null : ` · ${closedNow(dish.restaurant.opensAt)}`}
          {dish.restaurant.isOpen && !dish.available ? ' · unavailable now' : null}
        </p>
      </div>
      {orderable && ordering ? <DishHitAdd restaurantSlug={dish.restaurant.slug} itemId={dish.id} itemName={dish.name} ordering={ordering} /> : null}
    </li>
  );
}
