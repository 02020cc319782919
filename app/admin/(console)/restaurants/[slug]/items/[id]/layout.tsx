import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';

import { AdminSessionUnavailable } from '@/components/admin/session-unavailable';
import { adminPagePath, requireAdmin } from '@/lib/auth/admin';
import { getItemForEdit } from '@/lib/menus/admin-reads';

/** The item must exist and belong to this restaurant; decided before the loading state streams. */
export default async function AdminItemLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string; id: string }> }) {
  const admin = await requireAdmin();
  if (!admin) return <AdminSessionUnavailable retryHref={await adminPagePath()} />;
  const { slug, id } = await params;
  if (!(await getItemForEdit(slug, id))) notFound();
  return children;
}
