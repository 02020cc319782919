'use client';

import { useActionState, useEffect, useRef, useState, useSyncExternalStore, type Ref } from 'react';

export interface OtpFormState {
  step: 'phone' | 'code';
  /** Normalised number once a code was sent (a hidden field of the code step). */
  phone?: string;
  /** The number as shown, e.g. +91 98765 43210. */
  shownPhone?: string;
  /**
   * The phone step's number again (what was typed, after a refusal; the number, after "Change
   * number"): React resets the form after its action, which left a mistyped number to retype in full.
   */
  typed?: string;
  error?: string;
  notice?: string;
  /** Seconds until this browser may ask this number a new code (a send starts the resend cooldown). */
  resendIn?: number;
}

/** The resend wait the form counts down: the latest answer that named one (`id` restarts the count). */
interface ResendWait {
  seconds: number;
  id: number;
}

const INPUT =
  'mt-1.5 block w-full rounded-xl border border-line bg-white px-3.5 py-2.5 text-base text-ink shadow-sm placeholder:text-stone-400 aria-[invalid=true]:border-nonveg';
const PRIMARY =
  'w-full rounded-xl bg-brand-700 px-4 py-3 text-base font-bold text-white shadow-sm hover:bg-brand-800 disabled:cursor-wait disabled:opacity-70';

const LINK = 'text-sm font-semibold text-brand-700 underline-offset-2 hover:underline';

/** Two steps in one form: the mobile number, then the 6-digit code sent to it (with a resend). */
export function OtpLoginForm({
  action,
  next,
  save = false,
}: {
  action: (state: OtpFormState, formData: FormData) => Promise<OtpFormState>;
  next?: string;
  /** Signing in also saves the restaurant of the menu `next` returns to (lib/favourites/sign-in-intent.ts). */
  save?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, INITIAL);
  const field = useRef<HTMLInputElement>(null);
  // A wait outlives the answers that don't name one (a wrong code), so the count goes on; set while
  // rendering from the answer that named it (React's "adjust state on a prop change").
  const [wait, setWait] = useState<{ from: OtpFormState; wait: ResendWait } | null>(null);
  if (state.resendIn !== undefined && wait?.from !== state) setWait({ from: state, wait: { seconds: state.resendIn, id: (wait?.wait.id ?? 0) + 1 } });
  if (state.step === 'phone' && wait) setWait(null);
  // After each answer, the field it is about: the code input once a code is sent, the field a refusal
  // names. Its submit button is disabled while pending and the phone step's is replaced, which left
  // focus on <body> (a keyboard user tabbed from the top of the page; a screen reader heard nothing).
  useEffect(() => {
    if (state !== INITIAL) field.current?.focus();
  }, [state]);

  return (
    <form action={formAction} noValidate>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {save ? <input type="hidden" name="save" value="1" /> : null}
      <OtpFields state={state} pending={pending} field={field} resendWait={wait?.wait} />
    </form>
  );
}

const INITIAL: OtpFormState = { step: 'phone' };

/** The form's fields for one state (a component of its own so each state's markup can be tested). */
export function OtpFields({
  state,
  pending,
  field,
  resendWait = state.resendIn === undefined ? undefined : { seconds: state.resendIn, id: 0 },
}: {
  state: OtpFormState;
  pending: boolean;
  field?: Ref<HTMLInputElement>;
  resendWait?: ResendWait;
}) {
  const invalid = state.error ? true : undefined;
  return (
    <>
      <div role="alert" data-testid="otp-error" className="mb-5 empty:mb-0">
        {state.error ? (
          <p id="otp-error-text" className="rounded-xl border border-nonveg/30 bg-nonveg-soft px-4 py-3 text-sm font-medium text-nonveg">
            {state.error}
          </p>
        ) : null}
      </div>
      {state.step === 'phone' ? (
        <div className="flex flex-col gap-5">
          <div>
            <label htmlFor="phone" className="block text-sm font-semibold text-ink">
              Mobile number
            </label>
            <input
              ref={field}
              id="phone"
              name="phone"
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              placeholder="98765 43210"
              required
              defaultValue={state.typed ?? ''}
              aria-invalid={invalid}
              aria-describedby={invalid ? 'otp-error-text' : undefined}
              className={INPUT}
            />
          </div>
          <button type="submit" name="intent" value="send" disabled={pending} className={PRIMARY}>
            {pending ? 'Sending…' : 'Send code'}
          </button>
        </div>
      ) : (
        <div className="flex flex-col gap-5">
          <input type="hidden" name="phone" value={state.phone} />
          <p role="status" className="text-sm text-muted">
            {state.notice ?? `We sent a 6-digit code to ${state.shownPhone}.`}
          </p>
          <div>
            <label htmlFor="code" className="block text-sm font-semibold text-ink">
              Code
            </label>
            <input
              ref={field}
              id="code"
              name="code"
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="\d{6}"
              maxLength={6}
              required
              aria-invalid={invalid}
              aria-describedby={invalid ? 'otp-error-text' : undefined}
              className={INPUT}
            />
          </div>
          <button type="submit" name="intent" value="verify" disabled={pending} className={PRIMARY}>
            {pending ? 'Checking…' : 'Verify and sign in'}
          </button>
          {/* After "Verify": Enter in the code field submits the form's first submit button. */}
          <div className="flex justify-center gap-6">
            <ResendButton key={resendWait?.id ?? 0} seconds={resendWait?.seconds ?? 0} pending={pending} />
            <button type="submit" name="intent" value="change" disabled={pending} formNoValidate className={LINK}>
              Change number
            </button>
          </div>
        </div>
      )}
    </>
  );
}

const noSubscription = () => () => {};

/**
 * "Resend code", disabled with a live count ("Resend in 23 s") while the cooldown lasts. Counted only
 * once the script runs: the server's HTML (and a browser without JavaScript) gets the plain button,
 * which could never enable itself, and the server answers an early resend with how long to wait.
 */
function ResendButton({ seconds, pending }: { seconds: number; pending: boolean }) {
  const scripted = useSyncExternalStore(noSubscription, () => true, () => false);
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    if (seconds <= 0) return;
    // Against a deadline, not by counting ticks: a background tab's timers are throttled.
    const end = Date.now() + seconds * 1000;
    const timer = setInterval(() => {
      const remaining = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      setLeft(remaining);
      if (remaining === 0) clearInterval(timer);
    }, 250);
    return () => clearInterval(timer);
  }, [seconds]);
  const waiting = scripted && left > 0;
  return (
    <button
      type="submit"
      name="intent"
      value="resend"
      disabled={pending || waiting}
      formNoValidate
      data-testid="otp-resend"
      className={`${LINK} disabled:cursor-not-allowed disabled:text-muted disabled:no-underline`}
    >
      {waiting ? `Resend in ${left} s` : 'Resend code'}
    </button>
  );
}
