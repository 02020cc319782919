import type { MenuCategoryView } from '@/lib/menus/types';

export const categoryId = (index: number) => `category-${index}`;

/**
 * Sticky jump bar: plain anchors to each menu category, scrolling sideways on phones.
 * No JavaScript needed.
 */
export function CategoryNav({ categories }: { categories: MenuCategoryView[] }) {
  return (
    <nav
      aria-label="Menu categories"
      className="sticky top-0 z-10 -mx-4 border-b border-line bg-canvas/95 px-4 py-3 backdrop-blur sm:mx-0 sm:px-0"
    >
      {/* Phones scroll sideways; from sm up the chips wrap, so the last one is never cut off at the edge. */}
      <ul className="-m-1 flex gap-2 overflow-x-auto p-1 scrollbar-none sm:flex-wrap sm:overflow-visible">
        {categories.map((category, index) => (
          <li key={categoryId(index)} data-section-link={categoryId(index)} className="shrink-0">
            <a
              href={`#${categoryId(index)}`}
              className="inline-flex items-center gap-1.5 rounded-full border border-line bg-white px-3.5 py-1.5 text-sm font-medium whitespace-nowrap text-ink hover:border-brand-300 hover:bg-brand-50 hover:text-brand-800"
            >
              {category.name}
              <span className="text-xs text-muted">{category.items.length}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
