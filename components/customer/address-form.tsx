'use client';

import { useActionState, useEffect, useRef } from 'react';

export interface AddressFormState {
  fieldErrors?: Partial<Record<string, string[]>>;
  message?: string;
  saved?: boolean;
  /** What was sent, shown again after a refusal (React resets a form after its action). */
  values?: Record<string, string>;
}

const FIELDS = [
  { name: 'label', label: 'Label (Home, Work…)', autoComplete: 'off', max: 30 },
  { name: 'line1', label: 'House and street', autoComplete: 'address-line1', max: 120 },
  { name: 'line2', label: 'Area or landmark (optional)', autoComplete: 'address-line2', max: 120 },
  { name: 'city', label: 'City', autoComplete: 'address-level2', max: 60 },
  { name: 'pin', label: 'PIN code', autoComplete: 'postal-code', max: 7 },
] as const;

/**
 * A delivery address, new or edited (`initial` prefills it; `hidden` carries the address id and the
 * page to return to). The PIN code is checked on the server (6 digits, the first 1-9).
 */
export function AddressForm({
  action,
  initial,
  hidden = {},
  submitLabel = 'Save address',
}: {
  action: (previous: AddressFormState, form: FormData) => Promise<AddressFormState>;
  initial?: Record<string, string>;
  hidden?: Record<string, string>;
  submitLabel?: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  // A refused save: focus goes to the first field it names, or to the message. The submit button is
  // disabled while pending, which left focus on <body>: a keyboard user tabbed from the top of the
  // page and a screen reader heard nothing of the field's error.
  const formRef = useRef<HTMLFormElement>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!state.fieldErrors && !state.message) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? messageRef.current)?.focus();
  }, [state]);
  return (
    <form ref={formRef} action={formAction} className="grid gap-3 sm:grid-cols-2" data-testid="address-form">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {FIELDS.map((field) => {
        const errors = state.fieldErrors?.[field.name];
        const id = `address-${field.name}`;
        return (
          <div key={field.name} className={field.name === 'line1' || field.name === 'line2' ? 'sm:col-span-2' : ''}>
            <label htmlFor={id} className="block text-sm font-semibold text-ink">
              {field.label}
            </label>
            <input
              id={id}
              name={field.name}
              defaultValue={state.values?.[field.name] ?? initial?.[field.name] ?? ''}
              autoComplete={field.autoComplete}
              maxLength={field.max}
              inputMode={field.name === 'pin' ? 'numeric' : undefined}
              required={field.name !== 'line2'}
              aria-invalid={errors ? true : undefined}
              aria-describedby={errors ? `${id}-error` : undefined}
              className="mt-1 w-full rounded-lg border border-stone-400 bg-white px-3 py-2 text-sm text-ink"
            />
            {errors ? (
              <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
                {errors[0]}
              </p>
            ) : null}
          </div>
        );
      })}
      <div className="sm:col-span-2">
        <button
          type="submit"
          disabled={pending}
          className="rounded-xl border border-line bg-white px-4 py-2.5 text-sm font-bold text-ink shadow-sm hover:bg-stone-50 disabled:opacity-60"
        >
          {pending ? 'Saving…' : submitLabel}
        </button>
        {state.message ? (
          <p ref={messageRef} role="alert" tabIndex={-1} className="mt-2 text-sm text-red-700">
            {state.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
