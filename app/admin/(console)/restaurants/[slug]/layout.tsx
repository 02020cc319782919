import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';

import { AdminSessionUnavailable } from '@/components/admin/session-unavailable';
import { adminPagePath, requireAdmin } from '@/lib/auth/admin';
import { getRestaurantForEdit } from '@/lib/menus/admin-reads';
import { isSlug } from '@/lib/menus/slug';

/**
 * Decides whether the restaurant exists before anything streams (the loading states sit below, in
 * (overview) and items/[id]), so an unknown slug is a real 404. The page reuses this read.
 */
export default async function AdminRestaurantLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const admin = await requireAdmin();
  if (!admin) return <AdminSessionUnavailable retryHref={await adminPagePath()} />;
  const { slug } = await params;
  if (!isSlug(slug) || !(await getRestaurantForEdit(slug))) notFound();
  return children;
}
