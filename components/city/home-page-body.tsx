import { CacheBadge } from '@/components/ui/cache-badge';
import { CityCard } from '@/components/city/city-card';
import { Container } from '@/components/layout/container';
import { EmptyState } from '@/components/ui/empty-state';
import type { CacheOutcome } from '@/lib/cache/types';
import type { CitySummary } from '@/lib/menus/types';

/** The home page's city list, per request (app/page.tsx) or shared (app/shared/…, docs/decisions/046). */
export function HomePageBody({ cities, cache, renderedAt }: { cities: CitySummary[]; cache: CacheOutcome; renderedAt?: Date }) {
  return (
    <>
      <section className="border-b border-line bg-gradient-to-b from-brand-50 to-canvas">
        <Container className="py-10 sm:py-14">
          <h1 className="max-w-2xl text-3xl font-extrabold tracking-tight text-ink sm:text-5xl">
            Hungry? Pick your city.
          </h1>
          <p className="mt-3 max-w-xl text-base text-muted sm:text-lg">
            Browse every restaurant and full menu, from biryani joints to filter-coffee darshinis. Each page shows
            whether it came from the Redis cache or straight from Postgres.
          </p>
        </Container>
      </section>

      <Container className="py-8 sm:py-10">
        <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
          <h2 className="text-xl font-bold text-ink sm:text-2xl">Cities we deliver to</h2>
          <CacheBadge cache={cache} renderedAt={renderedAt} />
        </div>
        {/* Two a row on a phone too (customer walk: one a screen, Pune seven screens' scroll down). */}
        {cities.length > 0 ? (
          <ul className="grid grid-cols-2 gap-3 sm:gap-5 lg:grid-cols-3">
            {cities.map((city) => (
              <li key={city.slug}>
                <CityCard city={city} />
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title="No cities yet">
            <p>There are no cities to show. If you are running Thali locally, seed the database first.</p>
          </EmptyState>
        )}
      </Container>
    </>
  );
}
