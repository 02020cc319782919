import type { Metadata } from 'next';

import { Container } from '@/components/layout/container';
import { AddressForm } from '@/components/customer/address-form';
import { AddressNoticeBanner } from '@/components/customer/address-notice';
import { AccountOrders } from '@/components/customer/account-orders';
import { SavedAddresses } from '@/components/customer/saved-addresses';
import { FavouriteList } from '@/components/favourites/favourite-list';
import { SessionUnavailable } from '@/components/ui/session-unavailable';
import { listAddresses } from '@/lib/addresses/addresses';
import { addressNotice } from '@/lib/addresses/form';
import { itemsInCart } from '@/lib/cart/cart';
import { cartOwners } from '@/lib/cart/keys';
import { formatAddress, MAX_ADDRESSES } from '@/lib/addresses/schema';
import { formatPhone } from '@/lib/customers/phone';
import { requireCustomer } from '@/lib/customers/session';
import { listOwnFavourites } from '@/lib/favourites/postgres';
import { log } from '@/lib/log';
import { listOwnOrders } from '@/lib/orders/queries';

import { signOutCustomer } from '../login/actions';
import { reorderAction } from '../orders/[id]/actions';
import { signOutEverywhere } from './actions';
import { addAddress, removeAddress } from './addresses/actions';

export const metadata: Metadata = { title: 'Your account' };

function ordersUnreadable(error: unknown): null {
  log.warn('account orders read failed', { error: error instanceof Error ? error.message : String(error) });
  return null;
}

interface AccountPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function AccountPage({ searchParams }: AccountPageProps) {
  const customer = await requireCustomer('/account');
  if (!customer) return <SessionUnavailable retryHref="/account" />;
  const [orders, favourites, addresses, { address: noticeKey, session: sessionNotice }, cartCount] = await Promise.all([
    // Unreadable just now: the page says so and its poll renders it again once they can be read.
    listOwnOrders(customer.customerId).catch(ordersUnreadable),
    listOwnFavourites(customer.customerId),
    listAddresses(customer.customerId),
    searchParams,
    itemsInCart(cartOwners.customer(customer.customerId)),
  ]);
  return (
    <Container width="narrow" className="py-8 sm:py-12">
      <h1 className="text-2xl font-extrabold tracking-tight text-ink sm:text-3xl">Your account</h1>
      <p className="mt-3 text-base text-ink">
        Signed in as <span data-testid="account-phone" className="font-semibold">{formatPhone(customer.phone)}</span>
      </p>
      <AddressNoticeBanner notice={addressNotice(noticeKey)} />
      {sessionNotice === 'unavailable' ? (
        <p role="alert" data-testid="session-notice" className="mt-4 rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
          We couldn’t sign you out of your other devices just now. Please try again in a moment.
        </p>
      ) : null}
      <AccountOrders orders={orders} itemsInCart={cartCount} reorder={(orderId) => reorderAction.bind(null, orderId)} />
      <section id="addresses" aria-labelledby="addresses-heading" className="mt-8">
        <h2 id="addresses-heading" className="text-lg font-extrabold text-ink">
          Saved addresses
        </h2>
        <SavedAddresses
          addresses={addresses.map((address) => ({ id: address.id, label: address.label, text: formatAddress(address) }))}
          remove={removeAddress}
          from="account"
        />
        {addresses.length < MAX_ADDRESSES ? (
          <details className="mt-3 rounded-2xl border border-line bg-white p-4 shadow-sm">
            <summary className="cursor-pointer text-sm font-bold text-ink">Add a delivery address</summary>
            <div className="mt-3">
              <AddressForm action={addAddress} hidden={{ from: 'account' }} />
            </div>
          </details>
        ) : (
          <p className="mt-2 text-sm text-muted">You can save up to {MAX_ADDRESSES} addresses: delete one to add another.</p>
        )}
      </section>
      <section aria-labelledby="favourites-heading" className="mt-8">
        <h2 id="favourites-heading" className="text-lg font-extrabold text-ink">
          Your favourites
        </h2>
        <FavouriteList restaurants={favourites} />
      </section>
      <div className="mt-8 flex flex-wrap items-center gap-3">
        <form action={signOutCustomer}>
          <button
            type="submit"
            className="rounded-xl border border-line bg-white px-4 py-2.5 text-sm font-bold text-ink shadow-sm hover:bg-stone-50"
          >
            Sign out
          </button>
        </form>
        <form action={signOutEverywhere}>
          <button type="submit" className="rounded-xl px-4 py-2.5 text-sm font-semibold text-muted underline-offset-2 hover:text-ink hover:underline">
            Sign out of every device
          </button>
        </form>
      </div>
    </Container>
  );
}
