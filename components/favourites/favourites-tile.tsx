import { RankedRestaurants } from '@/components/admin/ranked-restaurants';
import type { FavouriteDashboard } from '@/lib/favourites/types';
import { formatCompactCount } from '@/lib/format';

/** The admin dashboard's favourites: how many in all, and the most favourited restaurants. */
export function FavouritesTile({ data }: { data: FavouriteDashboard }) {
  return (
    <section className="rounded-3xl border border-line bg-white p-5 shadow-sm" aria-labelledby="favourites-tile">
      <h2 id="favourites-tile" className="text-sm font-semibold text-muted">
        Favourites
      </h2>
      <div className="mt-2 grid gap-4 lg:grid-cols-3">
        <div>
          <p className="text-4xl font-extrabold text-ink tabular-nums" data-testid="favourites-total">
            {data.total.toLocaleString('en-IN')}
          </p>
          <p className="mt-1 text-xs text-muted">Restaurants saved by signed-in customers, all time.</p>
        </div>
        <div className="lg:col-span-2">
          <h3 className="text-xs font-semibold text-muted">Most favourited</h3>
          {data.topRestaurants.length === 0 ? (
            <p className="mt-2 text-sm text-muted">No favourites yet.</p>
          ) : (
            <RankedRestaurants
              className="mt-1"
              testId="favourites-top"
              restaurants={data.topRestaurants}
              measure={(restaurant) => (
                <>
                  <span aria-hidden="true">♥ </span>
                  {formatCompactCount(restaurant.favourites)}
                  <span className="sr-only"> favourites</span>
                </>
              )}
            />
          )}
        </div>
      </div>
    </section>
  );
}
