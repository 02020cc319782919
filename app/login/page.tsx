import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

import { Container } from '@/components/layout/container';
import { DemoBanner } from '@/components/customer/demo-banner';
import { OtpLoginForm } from '@/components/customer/otp-login-form';
import { safeCustomerNext, signInReason } from '@/lib/customers/next-path';
import { getCustomer } from '@/lib/customers/session';
import { restaurantSavedAtSignIn } from '@/lib/favourites/save-after-sign-in';
import { outboxEnabled } from '@/lib/sms/sender';

import { otpStep } from './actions';

export const metadata: Metadata = { title: 'Sign in' };

export default async function CustomerLoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const next = safeCustomerNext(params.next);
  if (await getCustomer()) redirect(next === '/' ? '/account' : next);
  // Signed in already, the redirect above saved nothing: only the sign-in below, a POST, does.
  const toSave = await restaurantSavedAtSignIn(next, params.save);

  return (
    <Container width="narrow" className="flex justify-center py-12 sm:py-16">
      <div className="w-full max-w-sm">
        <h1 className="text-2xl font-extrabold tracking-tight text-ink sm:text-3xl">Sign in</h1>
        {params['signed-out'] === 'everywhere' ? (
          <p role="status" data-testid="signed-out-notice" className="mt-4 rounded-xl border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-950">
            You’re signed out on every device.
          </p>
        ) : null}
        <p data-testid="sign-in-reason" className="mt-2 text-sm text-muted">
          {toSave ? `Sign in to save ${toSave.name} to your favourites. We text a one-time code to your mobile.` : signInReason(next)}
        </p>
        {outboxEnabled() ? (
          <div className="mt-5">
            <DemoBanner newTab />
          </div>
        ) : null}
        <div className="mt-6 rounded-3xl border border-line bg-white p-6 shadow-sm">
          <OtpLoginForm action={otpStep} next={next === '/' ? undefined : next} save={toSave !== null} />
        </div>
      </div>
    </Container>
  );
}
