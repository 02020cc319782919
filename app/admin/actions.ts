'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';

import { sessionCookie } from '@/lib/auth/cookie';
import { loginUrl } from '@/lib/auth/next-path';
import { destroySession } from '@/lib/auth/sessions';

/** Ends the session for every instance (the Redis key goes) and clears the cookie. */
export async function signOut(): Promise<void> {
  const jar = await cookies();
  const { name, options } = sessionCookie();
  await destroySession(jar.get(name)?.value);
  // With the attributes it was set with: a browser ignores a __Host- deletion that lacks Secure.
  jar.delete({ name, ...options });
  redirect(loginUrl('/admin', 'signed-out'));
}
