import Link from 'next/link';
import type { ReactNode } from 'react';

/**
 * One filter or sort option as a plain link (works without JavaScript). Active chips are marked
 * with aria-current and, for removable filters, a cross showing that selecting them again turns them off.
 */
export function FilterChip({
  href,
  active,
  removable = false,
  children,
}: {
  href: string;
  active: boolean;
  removable?: boolean;
  children: ReactNode;
}) {
  return (
    <Link
      href={href}
      prefetch={false}
      scroll={false}
      aria-current={active ? 'true' : undefined}
      // relative: its screen-reader-only text is positioned inside the chip, not past the scrolling row.
      className={`relative inline-flex shrink-0 items-center gap-1.5 rounded-full border px-3.5 py-1.5 text-sm font-medium whitespace-nowrap transition ${
        active
          ? 'border-brand-700 bg-brand-50 text-brand-800'
          : 'border-line bg-white text-ink hover:border-stone-400 hover:bg-stone-50'
      }`}
    >
      {children}
      {active ? (
        removable ? (
          <svg viewBox="0 0 16 16" className="size-3.5" aria-hidden="true" focusable="false">
            <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
        ) : (
          <svg viewBox="0 0 16 16" className="size-3.5" aria-hidden="true" focusable="false">
            <path d="M3 8.5l3.2 3L13 4.5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        )
      ) : null}
      {active ? <span className="sr-only">(selected)</span> : null}
    </Link>
  );
}
