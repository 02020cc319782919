import Link from 'next/link';

import { EmptyPlate } from '@/components/ui/empty-plate';

/**
 * An order that doesn't exist or isn't the signed-in customer's (the same answer for both, so an id
 * says nothing about another customer's order). The site's 404 spoke of cities and restaurants and
 * offered only "Browse cities"; someone opening an order link wants their orders.
 */
export default function OrderNotFound() {
  return (
    <div className="mx-auto flex max-w-lg flex-col items-center gap-4 px-4 py-16 text-center">
      <EmptyPlate className="w-44" />
      <p className="text-sm font-semibold tracking-widest text-brand-700 uppercase">404</p>
      <h1 className="text-2xl font-extrabold tracking-tight text-ink sm:text-3xl">We can&apos;t find that order</h1>
      <p className="text-muted">
        It may belong to another account (sign in with the number you ordered from), or the link may be mistyped.
      </p>
      <Link prefetch={false} href="/account" className="mt-2 rounded-full bg-brand-700 px-5 py-2.5 text-sm font-semibold text-white hover:bg-brand-800">
        Your orders
      </Link>
    </div>
  );
}
