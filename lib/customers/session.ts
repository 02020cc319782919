import 'server-only';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';

import { customerSessionCookie } from '@/lib/auth/cookie';
import { readSession } from '@/lib/auth/sessions';

export interface CustomerSession {
  customerId: number;
  phone: string;
}

export type CustomerLookup =
  | { status: 'signed-in'; customer: CustomerSession }
  | { status: 'signed-out' }
  | { status: 'unavailable' };

/** The signed-in customer, one Redis lookup per request (React `cache`). */
export const lookUpCustomer = cache(async (): Promise<CustomerLookup> => {
  const id = (await cookies()).get(customerSessionCookie().name)?.value;
  if (!id) return { status: 'signed-out' };
  const lookup = await readSession(id);
  if (lookup.status === 'unavailable') return { status: 'unavailable' };
  if (lookup.status === 'none' || lookup.session.kind !== 'customer') return { status: 'signed-out' };
  const { customerId, phone } = lookup.session;
  return { status: 'signed-in', customer: { customerId, phone } };
});

export async function getCustomer(): Promise<CustomerSession | null> {
  const lookup = await lookUpCustomer();
  return lookup.status === 'signed-in' ? lookup.customer : null;
}

/** The signed-in customer, or a redirect to /login (which returns to `next`). Call outside try/catch. */
export async function requireCustomer(next: string): Promise<CustomerSession> {
  const customer = await getCustomer();
  if (customer) return customer;
  redirect(`/login?next=${encodeURIComponent(next)}`);
}
