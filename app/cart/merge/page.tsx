import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

import { Container } from '@/components/layout/container';
import { SessionUnavailable } from '@/components/ui/session-unavailable';
import { pendingMerge } from '@/lib/cart/sign-in';
import { safeCustomerNext } from '@/lib/customers/next-path';
import { requireCustomer } from '@/lib/customers/session';
import { plural } from '@/lib/format';
import { getRestaurantMenu } from '@/lib/menus/cached';

import { keepChosenCart } from './actions';

export const metadata: Metadata = { title: 'Which cart to keep?', robots: { index: false } };

interface MergePageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** After sign-in, when the cart filled signed out and the account's cart hold different restaurants. */
export default async function MergePage({ searchParams }: MergePageProps) {
  const params = await searchParams;
  const next = safeCustomerNext(typeof params.next === 'string' ? params.next : '/');
  const here = `/cart/merge?next=${encodeURIComponent(next)}`;
  const customer = await requireCustomer(here);
  if (!customer) return <SessionUnavailable retryHref={here} />;
  const choice = await pendingMerge(customer.customerId);
  if (!choice) redirect(next === '/' ? '/account' : next);
  const [guestMenu, ownMenu] = await Promise.all([
    getRestaurantMenu(choice.guest.restaurant),
    getRestaurantMenu(choice.customer.restaurant),
  ]);
  const name = (menu: typeof guestMenu, slug: string) => menu.value?.restaurant.name ?? slug;
  const action = keepChosenCart.bind(null, next);
  const option = 'block w-full rounded-2xl border border-line bg-white p-4 text-left shadow-sm hover:border-brand-700 hover:bg-brand-50';

  return (
    <Container width="narrow" className="py-8 sm:py-12">
      <h1 className="text-2xl font-extrabold tracking-tight text-ink sm:text-3xl">Which cart do you want to keep?</h1>
      <p className="mt-2 text-sm text-muted">
        A cart holds one restaurant&apos;s dishes. You added some before signing in, and your account already had a cart.
      </p>
      {params.failed ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          Your choice could not be saved just now. Please try again.
        </p>
      ) : null}
      <form action={action} className="mt-6 grid gap-3 sm:grid-cols-2">
        <button type="submit" name="keep" value="guest" data-testid="keep-guest-cart" className={option}>
          <span className="block text-base font-bold text-ink">{name(guestMenu, choice.guest.restaurant)}</span>
          <span className="block text-sm text-muted">{plural(choice.guest.count, 'item')}, added just now</span>
        </button>
        <button type="submit" name="keep" value="customer" data-testid="keep-account-cart" className={option}>
          <span className="block text-base font-bold text-ink">{name(ownMenu, choice.customer.restaurant)}</span>
          <span className="block text-sm text-muted">{plural(choice.customer.count, 'item')}, in your account&apos;s cart</span>
        </button>
      </form>
    </Container>
  );
}
