import { categoryId } from '@/components/menu/category-nav';
import { MenuItemRow, type MenuOrdering } from '@/components/menu/menu-item-row';
import { plural } from '@/lib/format';
import type { MenuCategoryView } from '@/lib/menus/types';

/** A menu section, the target of its jump-bar anchor. */
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
    <section id={id} aria-labelledby={`${id}-heading`} className="scroll-mt-20 pt-6">
      <h2 id={`${id}-heading`} className="text-lg font-extrabold text-ink sm:text-xl">
        {category.name} <span className="text-base font-medium text-muted">({plural(category.items.length, 'item')})</span>
      </h2>
      {category.items.length > 0 ? (
        <ul className="divide-y divide-line">
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
