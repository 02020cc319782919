import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { AddressForm } from '@/components/customer/address-form';
import { Container } from '@/components/layout/container';
import { SessionUnavailable } from '@/components/ui/session-unavailable';
import { ownAddress } from '@/lib/addresses/addresses';
import { addressReturn, addressReturnPath } from '@/lib/addresses/form';
import { addressIdSchema } from '@/lib/addresses/schema';
import { requireCustomer } from '@/lib/customers/session';

import { editAddress } from '../actions';

export const metadata: Metadata = { title: 'Edit address', robots: { index: false } };

interface EditAddressPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** One saved address, prefilled; another customer's id is the same 404 as one that doesn't exist. */
export default async function EditAddressPage({ params, searchParams }: EditAddressPageProps) {
  const [{ id: rawId }, { from: rawFrom }] = await Promise.all([params, searchParams]);
  const id = addressIdSchema.safeParse(rawId);
  const from = addressReturn(rawFrom);
  const next = id.success ? `/account/addresses/${id.data}?from=${from}` : '/account';
  const customer = await requireCustomer(next);
  if (!customer) return <SessionUnavailable retryHref={next} />;
  const address = id.success ? await ownAddress(customer.customerId, id.data) : null;
  if (!address) notFound();

  return (
    <Container width="narrow" className="py-8 sm:py-12">
      <h1 className="text-2xl font-extrabold tracking-tight text-ink sm:text-3xl">Edit address</h1>
      <p className="mt-1 text-sm text-muted">Orders you already placed keep the address they were placed with.</p>
      <section aria-label="Address" className="mt-6 rounded-2xl border border-line bg-white p-4 shadow-sm">
        <AddressForm
          action={editAddress}
          initial={{ label: address.label, line1: address.line1, line2: address.line2, city: address.city, pin: address.pin }}
          hidden={{ addressId: String(address.id), from }}
          submitLabel="Save changes"
        />
      </section>
      <p className="mt-4 text-sm">
        <Link prefetch={false} href={addressReturnPath(from)} className="font-semibold text-ink underline">
          Cancel
        </Link>
      </p>
    </Container>
  );
}
