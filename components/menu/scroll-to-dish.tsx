'use client';

import { useEffect } from 'react';

/**
 * Brings the dish a link pointed at (`#dish-<id>`, from city search) into view once the menu is on
 * the page: the menu streams in after its loading state, so the browser's own jump to the fragment,
 * and the router's, can come before the row exists.
 */
export function ScrollToDish() {
  useEffect(() => {
    const { hash } = window.location;
    if (!/^#dish-\d+$/.test(hash)) return;
    document.getElementById(hash.slice(1))?.scrollIntoView({ block: 'center' });
  }, []);
  return null;
}
