'use client';

import { useEffect } from 'react';

/**
 * Brings the dish a link pointed at (`#dish-<id>`, from city search) into view once the menu is on
 * the page: a client-side navigation from the results can try the fragment before the row is laid out.
 */
export function ScrollToDish() {
  useEffect(() => {
    const { hash } = window.location;
    if (!/^#dish-\d+$/.test(hash)) return;
    document.getElementById(hash.slice(1))?.scrollIntoView({ block: 'center' });
  }, []);
  return null;
}
