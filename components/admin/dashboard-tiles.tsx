import Link from 'next/link';

import { formatCompactCount } from '@/lib/format';

export interface DashboardData {
  viewsToday: number;
  topRestaurants: { slug: string; name: string; citySlug: string; views: number }[];
}

/** The admin's first screen: today's views and the week's most viewed restaurants. */
export function DashboardTiles({ data }: { data: DashboardData }) {
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <section className="rounded-3xl border border-line bg-white p-5 shadow-sm" aria-labelledby="views-today">
        <h2 id="views-today" className="text-sm font-semibold text-muted">
          Views today
        </h2>
        <p className="mt-2 text-4xl font-extrabold text-ink tabular-nums" data-testid="views-today">
          {data.viewsToday.toLocaleString('en-IN')}
        </p>
        <p className="mt-1 text-xs text-muted">Menu page views since midnight IST, every restaurant.</p>
      </section>

      <section className="rounded-3xl border border-line bg-white p-5 shadow-sm lg:col-span-2" aria-labelledby="top-week">
        <h2 id="top-week" className="text-sm font-semibold text-muted">
          Top restaurants this week
        </h2>
        {data.topRestaurants.length === 0 ? (
          <p className="mt-3 text-sm text-muted">No views yet this week.</p>
        ) : (
          <ol className="mt-3 divide-y divide-line">
            {data.topRestaurants.map((restaurant, index) => (
              <li key={restaurant.slug} className="flex items-center justify-between gap-3 py-2 text-sm">
                <span className="flex items-center gap-3">
                  <span className="w-5 text-right font-semibold text-muted tabular-nums">{index + 1}</span>
                  <Link href={`/admin/restaurants/${restaurant.slug}`} className="font-semibold text-ink hover:text-brand-700">
                    {restaurant.name}
                  </Link>
                  <span className="text-xs text-muted">{restaurant.citySlug}</span>
                </span>
                <span className="font-semibold text-ink tabular-nums">{formatCompactCount(restaurant.views)} views</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
