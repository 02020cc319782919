'use client';

import { useEffect, useRef } from 'react';

/**
 * Reports that a browser rendered this restaurant's page. Only a mounted page runs effects, so
 * prefetches and server renders never count; the server decides the rest (bots, repeats).
 * The ref keeps React's development double-mount from reporting twice.
 */
export function ViewBeacon({ restaurantSlug }: { restaurantSlug: string }) {
  const reported = useRef<string | null>(null);
  useEffect(() => {
    if (reported.current === restaurantSlug) return;
    reported.current = restaurantSlug;
    // keepalive: a visitor who leaves at once still counts. A failed report is not worth a retry.
    const url = `/api/restaurants/${restaurantSlug}/views`;
    fetch(url, { method: 'POST', keepalive: true, credentials: 'same-origin' }).catch(() => {});
  }, [restaurantSlug]);
  return null;
}
