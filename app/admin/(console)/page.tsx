import type { Metadata } from 'next';

import { DashboardTiles } from '@/components/admin/dashboard-tiles';
import { PageHeader } from '@/components/admin/page-header';
import { requireAdmin } from '@/lib/auth/admin';
import { readCounterDashboard } from '@/lib/counters/dashboard';

export const metadata: Metadata = { title: 'Dashboard · Thali admin' };

export default async function AdminDashboardPage() {
  await requireAdmin();
  const data = await readCounterDashboard();
  return (
    <>
      <PageHeader title="Dashboard">
        Live counts from Redis plus the totals already flushed to Postgres, as customers see them.
      </PageHeader>
      <DashboardTiles data={data} />
    </>
  );
}
