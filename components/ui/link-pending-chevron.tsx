'use client';

import { useLinkStatus } from 'next/link';

/**
 * The chevron at the end of a link, which turns into a spinner while the page it opens is on its way.
 * Checkout is rendered per request: on a slow connection nothing moved for seconds after a tap on
 * "View cart", and a customer taps again or thinks it broken. Must be rendered inside the <Link>.
 */
export function LinkPendingChevron({ className = 'size-4' }: { className?: string }) {
  const { pending } = useLinkStatus();
  return pending ? (
    <span role="status" className="flex items-center" data-testid="link-pending">
      <svg viewBox="0 0 20 20" className={`${className} animate-spin motion-reduce:animate-none`} aria-hidden="true" focusable="false">
        <circle cx="10" cy="10" r="7" fill="none" stroke="currentColor" strokeOpacity="0.35" strokeWidth="2.5" />
        <path d="M10 3a7 7 0 0 1 7 7" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
      </svg>
      <span className="sr-only">Opening…</span>
    </span>
  ) : (
    <svg viewBox="0 0 20 20" className={className} aria-hidden="true" focusable="false">
      <path d="M7 4l6 6-6 6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
