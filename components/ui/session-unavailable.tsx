import Link from 'next/link';

import { EmptyPlate } from '@/components/ui/empty-plate';

/**
 * A signed-in page whose session Redis could not confirm, customer's or admin's: rendered by the page
 * itself (status 200), not thrown to an error boundary (a 500). They are still signed in, and the sign-in
 * page could not sign them in either, so they are asked to try the same page again (decision 055).
 */
export function SessionUnavailable({ retryHref, home = { href: '/', label: 'Go to all cities' } }: { retryHref: string; home?: { href: string; label: string } }) {
  return (
    <div role="alert" data-testid="session-unavailable" className="mx-auto flex max-w-lg flex-col items-center gap-4 px-4 py-16 text-center">
      <EmptyPlate className="w-40" />
      <h1 className="text-2xl font-extrabold tracking-tight text-ink">Temporarily unavailable</h1>
      <p className="text-muted">
        We couldn&apos;t check your sign-in just now. You are still signed in and nothing was changed: please try again in a moment.
      </p>
      <div className="mt-2 flex flex-wrap justify-center gap-3">
        <a href={retryHref} className="rounded-full bg-brand-700 px-5 py-2.5 text-sm font-semibold text-white hover:bg-brand-800">
          Try again
        </a>
        <Link prefetch={false} href={home.href} className="rounded-full border border-line bg-white px-5 py-2.5 text-sm font-semibold text-ink hover:bg-stone-50">
          {home.label}
        </Link>
      </div>
    </div>
  );
}
