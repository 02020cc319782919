import type { Metadata } from 'next';

import { AdminSessionUnavailable } from '@/components/admin/session-unavailable';
import { DashboardTiles } from '@/components/admin/dashboard-tiles';
import { PageHeader } from '@/components/admin/page-header';
import { FavouritesTile } from '@/components/favourites/favourites-tile';
import { adminPagePath, requireAdmin } from '@/lib/auth/admin';
import { readCounterDashboard } from '@/lib/views/dashboard';
import { readFavouriteDashboard } from '@/lib/favourites/dashboard';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function AdminDashboardPage() {
  const admin = await requireAdmin();
  if (!admin) return <AdminSessionUnavailable retryHref={await adminPagePath()} />;
  const [views, favourites] = await Promise.all([readCounterDashboard(), readFavouriteDashboard()]);
  return (
    <>
      <PageHeader title="Dashboard">
        Views: live counts from Redis plus the totals already flushed to Postgres, as customers see them.
        Favourites: straight from Postgres.
      </PageHeader>
      <DashboardTiles data={views} />
      <div className="mt-4">
        <FavouritesTile data={favourites} />
      </div>
    </>
  );
}
