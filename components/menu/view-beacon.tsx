'use client';

import { useEffect, useRef, useState } from 'react';

import { WeeklyViews } from '@/components/menu/weekly-views';

/**
 * Reports that a browser rendered this restaurant's page, and shows the week's views from the answer
 * (as they stood before this one): the figure is this visitor's, not part of the page every visitor
 * shares (docs/decisions/046). Only a mounted page runs effects, so prefetches and server renders
 * never count; the server decides the rest (bots, repeats). The ref keeps React's development
 * double-mount from reporting twice.
 */
export function ViewBeacon({ restaurantSlug }: { restaurantSlug: string }) {
  const reported = useRef<string | null>(null);
  const [views, setViews] = useState<number | null>(null);
  useEffect(() => {
    if (reported.current === restaurantSlug) return;
    reported.current = restaurantSlug;
    // keepalive: a visitor who leaves at once still counts. A failed report is not worth a retry.
    const url = `/api/restaurants/${restaurantSlug}/views`;
    fetch(url, { method: 'POST', keepalive: true, credentials: 'same-origin' })
      .then((response) => {
        const figure = Number(response.headers.get('x-week-views') ?? Number.NaN);
        if (Number.isSafeInteger(figure) && figure >= 0) setViews(figure);
      })
      .catch(() => {});
  }, [restaurantSlug]);
  return views === null ? <span /> : <WeeklyViews views={views} />;
}
