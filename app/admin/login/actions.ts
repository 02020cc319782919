'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';

import type { LoginFormState } from '@/components/admin/login-form';
import { clientIdentity } from '@/lib/ratelimit/client-identity';
import { adminDeviceCookie, decodeAdminDevice, encodeAdminDevice, newAdminDevice, rememberAdmin } from '@/lib/auth/admin-device';
import { sessionCookie } from '@/lib/auth/cookie';
import { safeNextPath } from '@/lib/auth/next-path';
import { destroySession } from '@/lib/auth/sessions';
import { normalizeEmail, signIn, type SignInResult } from '@/lib/auth/sign-in';
import { asForm } from '@/lib/http/form';

const credentials = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(256),
  next: z.string().optional(),
});

const MESSAGES: Record<Exclude<SignInResult, { ok: true }>['error'], string> = {
  // The same words for an unknown email and a wrong password: the form never says which.
  'invalid-credentials': 'Email or password is incorrect.',
  unavailable: 'Sign-in is temporarily unavailable. Please try again in a minute.',
  'too-many-attempts': 'Too many attempts. Please wait a few minutes and try again.',
};

export async function logIn(_previous: LoginFormState, form: FormData): Promise<LoginFormState> {
  const formData = asForm(form);
  const parsed = credentials.safeParse({
    email: formData.get('email'),
    password: formData.get('password'),
    next: formData.get('next') ?? undefined,
  });
  const email = typeof formData.get('email') === 'string' ? String(formData.get('email')).slice(0, 254) : '';
  if (!parsed.success) return { error: 'Enter your email and password.', email };

  const jar = await cookies();
  const deviceCookie = adminDeviceCookie();
  const device = decodeAdminDevice(jar.get(deviceCookie.name)?.value);
  const result = await signIn(parsed.data.email, parsed.data.password, { ip: clientIdentity(await headers()), device });
  if (!result.ok) return { error: MESSAGES[result.error], email };

  // This browser is now known for this admin: its failed sign-ins count against itself alone.
  jar.set(deviceCookie.name, encodeAdminDevice(rememberAdmin(device ?? newAdminDevice(), normalizeEmail(parsed.data.email))), deviceCookie.options);
  const cookie = sessionCookie();
  // A fresh id on every sign-in; a session this browser held before is ended, not kept alongside.
  await destroySession(jar.get(cookie.name)?.value);
  jar.set(cookie.name, result.sessionId, cookie.options);
  redirect(safeNextPath(parsed.data.next));
}
