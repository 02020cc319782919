import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';

import { requireAdmin } from '@/lib/auth/admin';
import { getRestaurantForEdit } from '@/lib/menus/admin-reads';
import { isSlug } from '@/lib/menus/slug';

/** The item must exist and belong to this restaurant; decided before the loading state streams. */
export default async function AdminItemLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string; id: string }> }) {
  await requireAdmin();
  const { slug, id } = await params;
  const restaurant = isSlug(slug) && /^\d{1,9}$/.test(id) ? await getRestaurantForEdit(slug) : null;
  const found = restaurant?.categories.some((category) => category.items.some((item) => item.id === Number(id)));
  if (!found) notFound();
  return children;
}
