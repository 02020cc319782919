import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';

import { otpStep } from '@/app/login/actions';

import { OtpFields, type OtpFormState } from './otp-login-form';

// The resend case's request: a browser inside the resend cooldown (the rest never reach these).
vi.mock('next/headers', () => ({ cookies: async () => ({ get: () => undefined, set: () => {} }), headers: async () => new Headers() }));
vi.mock('@/lib/customers/otp', () => ({ requestOtp: async () => ({ ok: false, error: 'cooldown', retryAfterSeconds: 23 }) }));

const render = (state: OtpFormState) => renderToStaticMarkup(createElement(OtpFields, { state, pending: false }));
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

describe('the sign-in form', () => {
  it('keeps a mistyped number after the refusal, instead of an empty field to type again', async () => {
    const state = await otpStep({ step: 'phone' }, form({ intent: 'send', phone: '98765 4321' }));
    expect(state).toMatchObject({ step: 'phone', typed: '98765 4321', error: expect.stringContaining('10-digit') });
    const html = render(state);
    expect(html).toMatch(/<input[^>]*id="phone"[^>]*value="98765 4321"/);
    expect(html).toMatch(/<input[^>]*id="phone"[^>]*aria-describedby="otp-error-text"/);
  });

  it('offers "Change number" on the code step, which goes back to the number, filled in', async () => {
    const codeStep: OtpFormState = { step: 'code', phone: '919876500001', shownPhone: '+91 98765 00001' };
    const html = render(codeStep);
    expect(html).toContain('Change number');
    // Enter in the code field submits the first submit button: it must be "Verify", not "Change number".
    expect(html.indexOf('value="verify"')).toBeLessThan(html.indexOf('value="change"'));
    expect(html.indexOf('value="verify"')).toBeLessThan(html.indexOf('value="resend"'));

    const back = await otpStep(codeStep, form({ intent: 'change', phone: '919876500001' }));
    expect(back).toEqual({ step: 'phone', typed: '+91 98765 00001' });
    expect(render(back)).toMatch(/<input[^>]*id="phone"[^>]*value="\+91 98765 00001"/);
  });

  it('answers a resend inside the cooldown with the wait, not an error on a code that is not wrong', async () => {
    const codeStep: OtpFormState = { step: 'code', phone: '919876500001', shownPhone: '+91 98765 00001' };
    const state = await otpStep(codeStep, form({ intent: 'resend', phone: '919876500001' }));
    expect(state).toMatchObject({ step: 'code', resendIn: 23 });
    expect(state.error).toBeUndefined();
    const html = render(state);
    expect(html).not.toContain('aria-invalid');
    expect(html).not.toContain('otp-error-text');
    expect(html).toMatch(/<input[^>]*id="code"/);
    expect(html).toContain('a new one in 23 s');
  });
});
