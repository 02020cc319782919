import type { Metadata } from 'next';
import Link from 'next/link';

import { SavedAddresses } from '@/components/customer/saved-addresses';
import { Container } from '@/components/layout/container';
import { SessionUnavailable } from '@/components/ui/session-unavailable';
import { listAddresses } from '@/lib/addresses/addresses';
import { formatAddress } from '@/lib/addresses/schema';
import { requireCustomer } from '@/lib/customers/session';

import { removeAddress } from '../../account/addresses/actions';

export const metadata: Metadata = { title: 'Saved addresses', robots: { index: false } };

/** Checkout's way to edit or delete saved addresses; each form returns to checkout. */
export default async function CheckoutAddressesPage() {
  const customer = await requireCustomer('/checkout/addresses');
  if (!customer) return <SessionUnavailable retryHref="/checkout/addresses" />;
  const addresses = await listAddresses(customer.customerId);
  return (
    <Container width="narrow" className="py-8 sm:py-12">
      <h1 className="text-2xl font-extrabold tracking-tight text-ink sm:text-3xl">Saved addresses</h1>
      <SavedAddresses
        addresses={addresses.map((address) => ({ id: address.id, label: address.label, text: formatAddress(address) }))}
        remove={removeAddress}
        from="checkout"
      />
      <p className="mt-4 text-sm">
        <Link prefetch={false} href="/checkout" className="font-semibold text-ink underline">
          Back to checkout
        </Link>
      </p>
    </Container>
  );
}
