'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';

import { customerSessionCookie } from '@/lib/auth/cookie';
import { destroyCustomerSessions } from '@/lib/auth/sessions';
import { requireCustomer } from '@/lib/customers/session';

/** Ends every session of the signed-in customer (this browser's too) on every instance, then asks them to sign in again. */
export async function signOutEverywhere(): Promise<void> {
  const customer = await requireCustomer('/account');
  if (!customer || !(await destroyCustomerSessions(customer.customerId))) redirect('/account?session=unavailable');
  const jar = await cookies();
  const { name, options } = customerSessionCookie();
  jar.delete({ name, ...options });
  redirect('/login?signed-out=everywhere');
}
