'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/admin', label: 'Dashboard' },
  { href: '/admin/restaurants', label: 'Restaurants' },
  { href: '/admin/cache', label: 'Cache' },
  { href: '/admin/queue', label: 'Queue' },
  { href: '/admin/team', label: 'Team' },
] as const;

/** The console's sections; the current one is marked for screen readers as well as by colour. */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin">
      {/* Wraps on a phone: the page itself must never scroll sideways. */}
      <ul className="flex flex-wrap gap-1">
        {LINKS.map(({ href, label }) => {
          // The dashboard is the console's root: it is current only on itself, not under every section.
          const current = pathname === href || (href !== '/admin' && pathname.startsWith(`${href}/`));
          return (
            <li key={href}>
              <Link prefetch={false}
                href={href}
                aria-current={current ? 'page' : undefined}
                className={`inline-flex rounded-full px-3.5 py-1.5 text-sm font-semibold transition ${
                  current ? 'bg-brand-50 text-brand-800' : 'text-muted hover:bg-stone-100 hover:text-ink'
                }`}
              >
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
