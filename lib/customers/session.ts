import 'server-only';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';

import { customerSessionCookie } from '@/lib/auth/cookie';
import { lookUpSessionCookie, type CookieSessionLookup } from '@/lib/auth/cookie-session';
import { customerSessionKeys, type FirstSessionRead } from '@/lib/auth/sessions';

export interface CustomerSession {
  customerId: number;
  phone: string;
}

export type CustomerLookup =
  | { status: 'signed-in'; customer: CustomerSession }
  | { status: 'signed-out' }
  | { status: 'unavailable' };

/** The signed-in customer, one Redis lookup per request (React `cache`). */
export const lookUpCustomer = cache(async (): Promise<CustomerLookup> =>
  customerOf(await lookUpSessionCookie(customerSessionCookie().name, 'customer')),
);

function customerOf(lookup: CookieSessionLookup<'customer'>): CustomerLookup {
  if (lookup.status !== 'signed-in') return lookup;
  const { customerId, phone } = lookup.session;
  return { status: 'signed-in', customer: { customerId, phone } };
}

/**
 * The keys this request's customer session lookup reads (one Cluster slot, the customer's) and the
 * customer its cookie names, unconfirmed until the read: for a caller that reads them within a wider
 * MGET and passes it to lookUpCustomerFrom (decision 078). Null without a customer's cookie.
 */
export async function customerSessionRead(): Promise<{ customerId: number; keys: string[] } | null> {
  return customerSessionKeys((await cookies()).get(customerSessionCookie().name)?.value);
}

/** lookUpCustomer with its read already made (customerSessionRead's keys, in that order). Not memoized. */
export async function lookUpCustomerFrom(firstRead: FirstSessionRead): Promise<CustomerLookup> {
  return customerOf(await lookUpSessionCookie(customerSessionCookie().name, 'customer', firstRead));
}

export async function getCustomer(): Promise<CustomerSession | null> {
  const lookup = await lookUpCustomer();
  return lookup.status === 'signed-in' ? lookup.customer : null;
}

/**
 * The signed-in customer, a redirect to /login when signed out (which returns to `next`; `loginHref`
 * overrides the whole address), or null when Redis can't say. Then a page renders <SessionUnavailable>
 * itself and an action answers "try again" where the customer is: they stay signed in, rather than land
 * on a sign-in page that can't sign them in either (it needs Redis too), and a page answers 200, not the
 * 500 of a render thrown to an error boundary (decisions 022 and 055). Call outside try/catch.
 */
export async function requireCustomer(next: string, loginHref = `/login?next=${encodeURIComponent(next)}`): Promise<CustomerSession | null> {
  const lookup = await lookUpCustomer();
  if (lookup.status === 'signed-in') return lookup.customer;
  if (lookup.status === 'unavailable') return null;
  redirect(loginHref);
}
