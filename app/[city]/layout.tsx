import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';

import { getCityRestaurants } from '@/lib/menus/cached';
import { isCitySlug } from '@/lib/menus/slug';

/**
 * Decides whether the city exists. No loading.tsx or Suspense sits above this layout, so an
 * unknown city becomes a real HTTP 404 before anything streams.
 */
export default async function CityLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ city: string }>;
}) {
  const { city } = await params;
  // `/cart`, `/api/x`: never a city, so no lookup (one that Postgres, when down, would answer with a 500).
  if (!isCitySlug(city)) notFound();
  const { value } = await getCityRestaurants(city);
  if (!value) notFound();
  return children;
}
