import { redirect } from 'next/navigation';

import { requireAdmin } from '@/lib/auth/admin';

export default async function AdminHomePage() {
  await requireAdmin();
  redirect('/admin/restaurants');
}
