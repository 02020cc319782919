'use client';

import { CategoryNav } from '@/components/menu/category-nav';
import { MenuCategory } from '@/components/menu/menu-category';
import type { MenuOrdering } from '@/components/menu/menu-cart';
import type { MenuCategoryView } from '@/lib/menus/types';

/**
 * The jump bar and every section of a menu. A client component for the payload's sake, not for
 * interactivity: the server still renders all of it into the HTML (readable without JavaScript), but
 * the RSC payload then carries the menu as data (a few KB) plus one server action, instead of every
 * dish's element tree and a bound action per dish, which doubled the page's weight.
 */
export function MenuList({
  categories,
  orderable,
  ordering,
}: {
  categories: MenuCategoryView[];
  orderable: boolean;
  ordering: MenuOrdering;
}) {
  return (
    <>
      <CategoryNav categories={categories} />
      {categories.map((category, index) => (
        <MenuCategory key={index} category={category} index={index} orderable={orderable} ordering={ordering} />
      ))}
    </>
  );
}
