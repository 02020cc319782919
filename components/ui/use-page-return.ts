'use client';

import { useEffect } from 'react';

/**
 * Calls `onReturn` when the visitor comes back to this page without a new load: restored from the
 * back/forward cache (its effects do not run again), or its tab brought back to the front. What the
 * page drew per visitor after load (a cart, a count) may have changed in another tab meanwhile.
 */
export function usePageReturn(onReturn: () => void): void {
  useEffect(() => {
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted) onReturn();
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') onReturn();
    };
    window.addEventListener('pageshow', onShow);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('pageshow', onShow);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [onReturn]);
}
