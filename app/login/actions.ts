'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';

import type { OtpFormState } from '@/components/customer/otp-login-form';
import { mergeAtSignIn } from '@/lib/cart/sign-in';
import { clientIdentity } from '@/lib/ratelimit/client-identity';
import { customerSessionCookie } from '@/lib/auth/cookie';
import { destroySession } from '@/lib/auth/sessions';
import { decodeDevice, deviceCookie, encodeDevice, newDevice, withPhone, type CustomerDevice } from '@/lib/customers/device';
import { safeCustomerNext } from '@/lib/customers/next-path';
import { saveAfterSignIn } from '@/lib/favourites/save-after-sign-in';
import { OTP_RESEND_COOLDOWN_MS } from '@/lib/customers/keys';
import { requestOtp } from '@/lib/customers/otp';
import { formatPhone, normalizePhone } from '@/lib/customers/phone';
import { signInWithOtp, type CustomerSignInResult } from '@/lib/customers/sign-in';
import { formatWait } from '@/lib/format';
import { textField } from '@/lib/http/form';
import { visitorHintCookie } from '@/lib/page-cache/visitor-hint';
import { outboxEnabled, outboxScopedToDevice } from '@/lib/sms/sender';

const UNAVAILABLE = 'Sign-in is temporarily unavailable. Please try again in a minute.';
const WRONG_CODE = 'That code is not right, or it has expired. Check it, or ask for a new one.';

const field = (formData: FormData, name: string) => textField(formData, name, 64);

/** This browser as the sign-in knows it (lib/customers/device.ts), if it asked for a code before. */
async function currentDevice(): Promise<CustomerDevice | null> {
  return decodeDevice((await cookies()).get(deviceCookie().name)?.value);
}

/** The browser's device, issued on its first code request. */
async function issuedDevice(): Promise<CustomerDevice> {
  const known = await currentDevice();
  if (known) return known;
  const fresh = newDevice();
  const cookie = deviceCookie();
  (await cookies()).set(cookie.name, encodeDevice(fresh), cookie.options);
  return fresh;
}

async function send(phone: string, resend: boolean): Promise<OtpFormState> {
  const result = await requestOtp(phone, { ip: clientIdentity(await headers()), device: await issuedDevice() });
  const codeStep = { step: 'code', phone, shownPhone: formatPhone(phone) } as const;
  const resendIn = Math.ceil(OTP_RESEND_COOLDOWN_MS / 1000);
  if (result.ok) return resend ? { ...codeStep, resendIn, notice: `We sent a new code to ${formatPhone(phone)}.` } : { ...codeStep, resendIn };
  switch (result.error) {
    case 'cooldown':
      // A wait, not a mistake: a notice and the resend button's count, never an error on the code field.
      return resend
        ? { ...codeStep, resendIn: result.retryAfterSeconds, notice: `Your code is on its way to ${formatPhone(phone)}. You can ask for a new one in ${result.retryAfterSeconds} s.` }
        : { ...codeStep, resendIn: result.retryAfterSeconds, notice: `A code was sent a moment ago to ${formatPhone(phone)}.` };
    case 'rate-limited':
      return { step: 'phone', typed: formatPhone(phone), error: `Too many codes requested. Try again in ${formatWait(result.retryAfterSeconds)}.` };
    case 'daily-cap':
      return { step: 'phone', typed: formatPhone(phone), error: 'We can’t send more codes today. Please try again tomorrow.' };
    case 'unavailable':
      return { step: 'phone', typed: formatPhone(phone), error: UNAVAILABLE };
  }
}

function verifyError(result: Exclude<CustomerSignInResult, { ok: true }>): string {
  switch (result.error) {
    case 'invalid':
      return WRONG_CODE;
    case 'rate-limited':
      // Counted per address across all numbers (the otp:wrong:* policies), so it names the network, not the number.
      return `Too many wrong codes from your network. Try again in ${formatWait(result.retryAfterSeconds)}.`;
    case 'unavailable':
      return UNAVAILABLE;
  }
}

/** Both steps of the OTP form: `send` (and `resend`) a code, `verify` it and sign in. */
export async function otpStep(_previous: OtpFormState, formData: FormData): Promise<OtpFormState> {
  const intent = field(formData, 'intent');
  const typed = field(formData, 'phone');
  const phone = normalizePhone(typed);
  if (intent === 'change') return { step: 'phone', typed: phone ? formatPhone(phone) : typed };
  if (!phone) return { step: 'phone', typed, error: 'Enter a 10-digit Indian mobile number (starting 6-9), with or without +91.' };
  if (intent !== 'verify') return send(phone, intent === 'resend');

  const codeStep = { step: 'code', phone, shownPhone: formatPhone(phone) } as const;
  const code = field(formData, 'code').trim();
  if (!/^\d{6}$/.test(code)) return { ...codeStep, error: 'Enter the 6-digit code.' };
  // One answer for wrong, expired, used and never sent: nobody learns whether a number has a code pending.
  const browser = await currentDevice();
  if (!browser) return { ...codeStep, error: WRONG_CODE };
  const result = await signInWithOtp(phone, { ip: clientIdentity(await headers()), device: browser }, code, {
    firstBrowserOnly: outboxEnabled() && outboxScopedToDevice(),
  });
  if (!result.ok) return { ...codeStep, error: verifyError(result) };

  const jar = await cookies();
  // This browser now knows the number: its own code budget for it, and its texts in the demo outbox.
  const known = deviceCookie();
  jar.set(known.name, encodeDevice(withPhone(browser, phone)), known.options);
  const cookie = customerSessionCookie();
  await destroySession(jar.get(cookie.name)?.value);
  jar.set(cookie.name, result.sessionId, cookie.options);
  // The page this redirects to may be a shared menu page, which asks for the customer's heart and cart only when hinted.
  const hint = visitorHintCookie(cookie.options.secure);
  jar.set(hint.name, hint.value, hint.options);
  const next = safeCustomerNext(textField(formData, 'next'));
  // "Sign in to save" on a menu: the heart's save, made by this sign-in (a POST the customer made).
  await saveAfterSignIn(result.customerId, next, field(formData, 'save'));
  // A cart filled before signing in follows the customer (or, holding another restaurant, they choose).
  if ((await mergeAtSignIn(result.customerId)) === 'ask') redirect(`/cart/merge?next=${encodeURIComponent(next)}`);
  redirect(next === '/' ? '/account' : next);
}

/** Ends the customer's session on every instance and clears the cookie. */
export async function signOutCustomer(): Promise<void> {
  const jar = await cookies();
  const { name, options } = customerSessionCookie();
  await destroySession(jar.get(name)?.value);
  jar.delete({ name, ...options });
  redirect('/');
}
