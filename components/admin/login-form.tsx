'use client';

import { useActionState } from 'react';

export interface LoginFormState {
  error?: string;
  /** What was typed, so a failed attempt only asks for the password again. */
  email?: string;
}

const INPUT =
  'mt-1.5 block w-full rounded-xl border border-line bg-white px-3.5 py-2.5 text-base text-ink shadow-sm placeholder:text-stone-400 aria-[invalid=true]:border-nonveg';

/**
 * The admin sign-in form. A plain <form> posting to a server action, so it also works before
 * JavaScript loads; errors appear in an alert region that screen readers announce.
 */
export function LoginForm({
  action,
  next,
}: {
  action: (state: LoginFormState, formData: FormData) => Promise<LoginFormState>;
  next?: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const invalid = state.error ? true : undefined;

  return (
    <form action={formAction} noValidate>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {/* Always in the page (only empty), so screen readers announce the message when it appears. */}
      <div role="alert" id="login-error" data-testid="login-error" className="mb-5 empty:mb-0">
        {state.error ? (
          <p className="rounded-xl border border-nonveg/30 bg-nonveg-soft px-4 py-3 text-sm font-medium text-nonveg">
            {state.error}
          </p>
        ) : null}
      </div>
      <div className="flex flex-col gap-5">
      <div>
        <label htmlFor="login-email" className="text-sm font-semibold text-ink">
          Email
        </label>
        <input
          id="login-email"
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          defaultValue={state.email}
          aria-invalid={invalid}
          aria-describedby={invalid && 'login-error'}
          className={INPUT}
        />
      </div>
      <div>
        <label htmlFor="login-password" className="text-sm font-semibold text-ink">
          Password
        </label>
        <input
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={invalid}
          aria-describedby={invalid && 'login-error'}
          className={INPUT}
        />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded-full bg-brand-700 px-5 py-3 text-sm font-semibold text-white hover:bg-brand-800 disabled:cursor-wait disabled:opacity-70"
      >
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
      </div>
    </form>
  );
}
