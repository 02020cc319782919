'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/**
 * The demo-mode notices, shown while SMS_SENDER=outbox (the server decides that; these only draw):
 * nothing is really texted, codes and order updates appear in the demo outbox.
 */

/**
 * The boxed notice the sign-in and outbox pages show in place, next to what it explains. `newTab` (the
 * sign-in page): the outbox opens in a tab of its own, so the form keeps its code step (customer walk:
 * the link left the page, and Back found the number step again, the code sent but nowhere to type it).
 */
export function DemoBanner({ newTab = false }: { newTab?: boolean }) {
  return (
    <p data-testid="demo-banner" className="rounded-xl border border-line bg-brand-50 px-4 py-3 text-sm text-ink">
      Demo mode: codes appear in the{' '}
      <Link
        prefetch={false}
        href="/dev/outbox"
        {...(newTab ? { target: '_blank', rel: 'noopener' } : {})}
        className="font-semibold text-brand-700 underline underline-offset-2"
      >
        outbox
        {newTab ? <span className="sr-only"> (opens in a new tab)</span> : null}
      </Link>
      , not on your phone.
      {newTab ? ' It opens in a new tab: keep this one to type the code.' : null}
    </p>
  );
}

/** Pages that explain demo mode themselves (above), so the strip would say it twice. */
const EXPLAINED_IN_PLACE = new Set(['/login', '/dev/outbox']);

/**
 * Where the site-wide strip stays away: the admin console (editors, not customers) and the pages
 * above. Decided here, in a client component, because the root layout is not given the path.
 */
function showsSiteDemoBanner(pathname: string): boolean {
  const admin = pathname === '/admin' || pathname.startsWith('/admin/');
  return !admin && !EXPLAINED_IN_PLACE.has(pathname);
}

/** The slim strip above every public page's header; it has nothing to dismiss. */
export function SiteDemoBanner() {
  const pathname = usePathname();
  if (!showsSiteDemoBanner(pathname)) return null;
  return (
    <section
      aria-label="Demo mode"
      data-testid="site-demo-banner"
      className="border-b border-brand-200 bg-brand-50 px-4 py-1.5 text-center text-sm text-ink sm:px-6"
    >
      <p>
        <span className="font-semibold">Demo mode:</span> sign-in codes and order texts appear in the{' '}
        <Link prefetch={false} href="/dev/outbox" className="font-semibold text-brand-800 underline underline-offset-2">
          outbox
        </Link>
        , not on your phone.
      </p>
    </section>
  );
}
