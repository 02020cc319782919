import { dishAnchor } from '@/components/menu/dish-anchor';
import { DishPhoto } from '@/components/menu/dish-picture';
import { MenuAddButton, type MenuOrdering } from '@/components/menu/menu-cart';
import { Price } from '@/components/ui/price';
import { VegMark } from '@/components/restaurant/veg-mark';
import type { MenuItemView } from '@/lib/menus/types';

/**
 * One dish: veg mark, Bestseller tag, name, price, description, its photo if it has one, and its ADD
 * button (disabled while the restaurant is closed). The menu's search box (components/menu/menu-filter.tsx)
 * finds rows by their `dish-<id>` id (also where a city search's link lands), reads the h3 name and the
 * paragraph after it, and data-veg, present on veg dishes only: a few bytes per row, twice (HTML and RSC).
 */
export function MenuItemRow({ item, orderable, ordering }: { item: MenuItemView; orderable: boolean; ordering: MenuOrdering }) {
  const unavailable = !item.available;
  return (
    <li
      id={dishAnchor(item.id)}
      data-testid="menu-item"
      data-veg={item.veg ? '' : undefined}
      data-available={item.available ? 'true' : 'false'}
      className="flex gap-4 py-5 sm:gap-6"
    >
      <div className={`min-w-0 flex-1 ${unavailable ? 'text-muted' : 'text-ink'}`}>
        <div className="flex items-center gap-2">
          <VegMark veg={item.veg} className={`size-4 ${unavailable ? 'opacity-60' : ''}`} />
          {item.bestseller ? (
            <span className="inline-flex items-center gap-1 text-xs font-bold text-brand-700">
              <span className="icon-star size-3" aria-hidden="true" />
              Bestseller
            </span>
          ) : null}
        </div>
        <h3 className="mt-1.5 text-base font-semibold sm:text-lg">{item.name}</h3>
        <Price paise={item.pricePaise} className="mt-0.5 block text-sm font-semibold sm:text-base" />
        {item.description ? <p className="mt-2 text-sm leading-relaxed text-muted">{item.description}</p> : null}
      </div>
      <div className="flex w-24 shrink-0 flex-col items-center justify-center gap-2 sm:w-28">
        {item.photoUrl ? <DishPhoto url={item.photoUrl} /> : null}
        {unavailable ? (
          <p className="rounded-lg bg-stone-100 px-2 py-2 text-center text-xs leading-tight font-semibold text-muted">
            Currently unavailable
          </p>
        ) : orderable ? (
          <MenuAddButton itemId={item.id} itemName={item.name} ordering={ordering} />
        ) : (
          <button
            type="button"
            disabled
            title="This restaurant is closed"
            className="w-full cursor-not-allowed rounded-lg border border-line bg-white py-2 text-sm font-extrabold tracking-wide text-rating opacity-60"
          >
            ADD
            <span className="sr-only">
              {' '}
              {item.name} (restaurant closed)
            </span>
          </button>
        )}
      </div>
    </li>
  );
}
