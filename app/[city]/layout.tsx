import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';

import { getCityRestaurants } from '@/lib/menus/cached';
import { isSlug } from '@/lib/menus/slug';

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
  if (!isSlug(city)) notFound();
  const { value } = await getCityRestaurants(city);
  if (!value) notFound();
  return children;
}
