'use client';

import type { ComponentProps } from 'react';

import { FavouriteCount } from '@/components/favourites/favourite-count';
import { FavouriteToggle } from '@/components/favourites/favourite-toggle';

import { useMenuVisitor } from './menu-visitor';

/**
 * The heart on a menu page: for a signed-in customer the toggle, for anyone else the count with a way
 * to sign in; nothing when the favourites could not be read. On a shared page the toggle appears
 * once this visitor's parts have come (./menu-visitor.tsx).
 */
export function MenuHeart({
  restaurantSlug,
  restaurantName,
  loginHref,
  action,
}: {
  restaurantSlug: string;
  restaurantName: string;
  loginHref: string;
  action: ComponentProps<typeof FavouriteToggle>['action'];
}) {
  const { favourite, loading, retry } = useMenuVisitor();
  if (favourite === null) return null;
  // Until this visitor's parts come (or if they can't), the count alone: they may well be signed in.
  if (loading || retry) return <FavouriteCount count={favourite.count} />;
  if (favourite.favourited === null) return <FavouriteCount count={favourite.count} loginHref={loginHref} />;
  return (
    <FavouriteToggle
      key={restaurantSlug}
      favourited={favourite.favourited}
      count={favourite.count}
      restaurantName={restaurantName}
      action={action}
    />
  );
}
