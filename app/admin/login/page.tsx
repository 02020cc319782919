import type { Metadata } from 'next';
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
        <p className="mt-2 text-sm text-muted">For restaurant and menu editors. Customers don&apos;t need an account.</p>
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
