import { actionId, callAction, cookiesFrom } from './actions';
import { requestFrom } from './loopback';

/*
 * A customer's sign-in as a script makes it (no browser): the sign-in form's action posted by hand,
 * the code read from the demo outbox (SMS_SENDER=outbox) with the cookie the send gave. Used by
 * e2e/abuse.spec.ts and by `npm run bench`'s signed-in counts; run against a production build.
 */

/** A mobile number no earlier run has used, so no earlier run's orders or limits count. */
export function uniquePhone(): string {
  return `9${String(Date.now()).slice(-6)}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
}

/** The sign-in codes for `phone` that the outbox of `server` shows to whoever sends `cookie`, newest first. */
export async function codesShown(from: string, phone: string, cookie: string, server: string): Promise<string[]> {
  const page = await requestFrom(from, `${server}/dev/outbox`, { headers: cookie ? { cookie } : {} });
  const messages = page.body.split('data-testid="outbox-message"').slice(1);
  return messages.filter((message) => message.includes(`data-to="${phone.slice(-4)}"`)).flatMap((message) => /(\d{6}) is your Thali sign-in code/.exec(message)?.[1] ?? []);
}

/** Signs a customer in through the actions, as a script would; the cookies of the signed-in browser. */
export async function signedInCustomer(server: string, from: string, phone = uniquePhone()): Promise<string> {
  const id = actionId('otpStep', 'app/login/page');
  const sent = await callAction({ base: server, path: '/login', id, from, form: { phone, intent: 'send' }, formArgs: [{ step: 'phone' }] });
  const cookie = cookiesFrom(sent);
  const [code] = await codesShown(from, phone, cookie, server);
  if (!code) throw new Error(`no sign-in code for ${phone} in ${server}'s outbox`);
  const verified = await callAction({ base: server, path: '/login', id, from, form: { phone, intent: 'verify', code }, formArgs: [{ step: 'code' }], headers: { cookie } });
  return cookiesFrom(verified, cookie);
}
