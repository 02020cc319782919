import Link from 'next/link';

import { plural } from '@/lib/format';
import { skylineForCity } from '@/lib/illustrations';
import type { CitySummary } from '@/lib/menus/types';

export function CityCard({ city }: { city: CitySummary }) {
  return (
    <Link
      href={`/${city.slug}`}
      prefetch={false}
      className="group block overflow-hidden rounded-2xl border border-line bg-white shadow-sm transition hover:-translate-y-0.5 hover:shadow-md motion-reduce:transition-none motion-reduce:hover:translate-y-0"
    >
      <div className="aspect-[12/5] overflow-hidden bg-brand-50">
        {/* A static file per city (lib/illustrations), cached for good: the page carries no drawing. */}
        {/* eslint-disable-next-line @next/next/no-img-element -- a small immutable SVG: nothing for next/image to optimise */}
        <img
          src={skylineForCity(city.slug)}
          alt=""
          decoding="async"
          className="size-full object-cover object-bottom transition duration-300 group-hover:scale-[1.03] motion-reduce:transition-none"
        />
      </div>
      {/* Half a phone's width (the home page's two a row): less padding and no chevron there, so the
          longest name (Ahmedabad) fits a 320 px screen without wrapping. */}
      <div className="flex items-end justify-between gap-3 p-3 sm:p-4">
        <div className="min-w-0">
          <h3 className="text-base font-bold wrap-break-word text-ink group-hover:text-brand-700 sm:text-lg">{city.name}</h3>
          <p className="text-sm text-muted">{plural(city.restaurantCount, 'restaurant')}</p>
        </div>
        <span
          aria-hidden="true"
          className="hidden size-9 shrink-0 place-items-center rounded-full bg-brand-50 text-brand-700 transition group-hover:bg-brand-700 group-hover:text-white sm:grid"
        >
          <svg viewBox="0 0 20 20" className="size-4" focusable="false">
            <path d="M7 4l6 6-6 6" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </span>
      </div>
    </Link>
  );
}
