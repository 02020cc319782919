import type { Metadata } from 'next';
import Link from 'next/link';

import { EmptyPlate } from '@/components/ui/empty-plate';

export const metadata: Metadata = {
  title: 'Page not found',
};

export default function NotFound() {
  return (
    <div className="mx-auto flex max-w-lg flex-col items-center gap-4 px-4 py-16 text-center">
      <EmptyPlate className="w-44" />
      <p className="text-sm font-semibold tracking-widest text-brand-700 uppercase">404</p>
      <h1 className="text-2xl font-extrabold tracking-tight text-ink sm:text-3xl">This plate is empty</h1>
      <p className="text-muted">
        We couldn&apos;t find that page. The city or restaurant may not be on Thali, or the link may be mistyped.
      </p>
      <Link prefetch={false}
        href="/"
        className="mt-2 rounded-full bg-brand-700 px-5 py-2.5 text-sm font-semibold text-white hover:bg-brand-800"
      >
        Browse cities
      </Link>
    </div>
  );
}
