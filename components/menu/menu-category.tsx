import { categoryId } from '@/components/menu/category-nav';
import type { MenuOrdering } from '@/components/menu/menu-cart';
import { MenuItemRow } from '@/components/menu/menu-item-row';
import { plural } from '@/lib/format';
import { illustrationForCategory } from '@/lib/illustrations';
import type { MenuCategoryView } from '@/lib/menus/types';

/**
 * A menu section, the target of its jump-bar anchor, with its drawing once by the heading (a static
 * file; dishes without a photo show none of their own). The menu's search box hides a section
 * (`data-menu-section`) left without dishes.
 */
export function MenuCategory({
  category,
  index,
  orderable,
  ordering,
}: {
  category: MenuCategoryView;
  index: number;
  orderable: boolean;
  ordering: MenuOrdering;
}) {
  const id = categoryId(index);
  return (
    <section id={id} aria-labelledby={`${id}-heading`} data-menu-section="" className="scroll-mt-20 pt-6">
      <h2 id={`${id}-heading`} className="flex items-center gap-2.5 text-lg font-extrabold text-ink sm:text-xl">
        {/* eslint-disable-next-line @next/next/no-img-element -- a static SVG: nothing for the optimizer to do. */}
        <img
          src={illustrationForCategory(category.name)}
          alt=""
          width={40}
          height={40}
          loading="lazy"
          className="size-10 shrink-0"
        />
        <span>
          {category.name} <span data-section-count="" className="text-base font-medium text-muted">{`(${plural(category.items.length, 'item')})`}</span>
        </span>
      </h2>
      {category.items.length > 0 ? (
        // A link to a dish (city search's) lands on its row below the sticky bar, as a section's does.
        <ul className="divide-y divide-line [&>li]:scroll-mt-20">
          {category.items.map((item) => (
            <MenuItemRow key={item.id} item={item} orderable={orderable} ordering={ordering} />
          ))}
        </ul>
      ) : (
        <p className="py-4 text-sm text-muted">Nothing in this section right now.</p>
      )}
    </section>
  );
}
