import Link from 'next/link';

import { formatCompactCount } from '@/lib/format';

export interface TrendingItem {
  slug: string;
  name: string;
  views: number;
}

/**
 * "Trending in <city>": the most viewed restaurants of the last 24 hours, in order (an ordered list,
 * so screen readers announce the rank the badge shows). Renders nothing when empty.
 */
export function TrendingStrip({ cityName, citySlug, items }: { cityName: string; citySlug: string; items: TrendingItem[] }) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="trending-heading" data-testid="trending" className="mb-8">
      <h2 id="trending-heading" className="mb-3 text-lg font-bold text-ink">
        Trending in {cityName}
        <span className="ml-2 text-sm font-normal text-muted">most viewed in the last 24 hours</span>
      </h2>
      <ol className="scrollbar-none -mx-1 flex snap-x gap-3 overflow-x-auto px-1 pb-1 lg:grid lg:grid-cols-5 lg:overflow-visible">
        {items.map((item, index) => (
          <li key={item.slug} data-testid="trending-item" data-slug={item.slug} className="w-56 shrink-0 snap-start lg:w-auto">
            <Link
              href={`/${citySlug}/${item.slug}`}
              prefetch={false}
              className="group flex items-center gap-3 rounded-2xl border border-line bg-white p-2.5 shadow-sm transition hover:shadow-md"
            >
              <span
                aria-hidden="true"
                className="grid size-10 shrink-0 place-items-center rounded-full bg-brand-50 text-lg font-extrabold text-brand-700 tabular-nums"
              >
                {index + 1}
              </span>
              <span className="min-w-0">
                <span className="block font-semibold break-words text-ink group-hover:text-brand-700">{item.name}</span>
                <span className="block text-xs text-muted">
                  {formatCompactCount(item.views)} {item.views === 1 ? 'view' : 'views'}
                </span>
              </span>
            </Link>
          </li>
        ))}
      </ol>
    </section>
  );
}
