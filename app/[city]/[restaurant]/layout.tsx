import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';

import { getRestaurantMenu } from '@/lib/menus/cached';
import { isCitySlug, isSlug } from '@/lib/menus/slug';

/**
 * Decides whether the restaurant exists in this city (a restaurant from another city under this
 * city's URL is a 404 too), before the page renders, so the status is settled before anything streams.
 */
export default async function RestaurantLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ city: string; restaurant: string }>;
}) {
  const { city, restaurant } = await params;
  // Rendered beside the city's layout, not after it: it checks the city's name itself.
  if (!isCitySlug(city) || !isSlug(restaurant)) notFound();
  const { value: menu } = await getRestaurantMenu(restaurant);
  if (!menu || menu.restaurant.city.slug !== city) notFound();
  return children;
}
