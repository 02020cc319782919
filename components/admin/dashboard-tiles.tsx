import { RankedRestaurants } from '@/components/admin/ranked-restaurants';
import { formatViewCount } from '@/lib/format';

export interface DashboardData {
  viewsToday: number;
  topRestaurants: { slug: string; name: string; citySlug: string; cityName: string; views: number }[];
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
          <RankedRestaurants
            className="mt-3"
            restaurants={data.topRestaurants}
            measure={(restaurant) => formatViewCount(restaurant.views)}
          />
        )}
      </section>
    </div>
  );
}
