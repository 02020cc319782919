import type { ReactNode } from 'react';

/** Responsive card grid: one column on phones, up to four on wide screens. Children are <li>s. */
export function RestaurantGrid({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <ul aria-label={label} className="grid grid-cols-1 gap-x-6 gap-y-6 sm:gap-y-8 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
      {children}
    </ul>
  );
}
