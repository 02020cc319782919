import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';

import { Container } from '@/components/layout/container';
import { LoginForm } from '@/components/admin/login-form';
import { getAdminSession } from '@/lib/auth/admin';
import { ADMIN_HOME, loginNotice, safeNextPath } from '@/lib/auth/next-path';

import { logIn } from './actions';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  if (await getAdminSession()) redirect(next);
  const notice = loginNotice(params.notice);

  return (
    <Container width="narrow" className="flex justify-center py-12 sm:py-16">
      <div className="w-full max-w-sm">
        <h1 className="text-2xl font-extrabold tracking-tight text-ink sm:text-3xl">Sign in to Thali admin</h1>
        {/* Customers do sign in (with a code texted to them, at /login): "Customers don't need an account"
            told one who landed here that their account did not exist. */}
        <p className="mt-2 text-sm text-muted">
          For restaurant and menu editors. Ordering food?{' '}
          <Link prefetch={false} href="/login" className="font-semibold text-brand-700 underline underline-offset-2">
            Sign in with your mobile number
          </Link>{' '}
          instead.
        </p>
        {notice ? (
          <p role="status" className="mt-5 rounded-xl border border-line bg-brand-50 px-4 py-3 text-sm text-ink">
            {notice}
          </p>
        ) : null}
        <div className="mt-6 rounded-3xl border border-line bg-white p-6 shadow-sm">
          <LoginForm action={logIn} next={next === ADMIN_HOME ? undefined : next} />
        </div>
      </div>
    </Container>
  );
}
