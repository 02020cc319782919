import type { Ref } from 'react';

import type { ActionState } from '@/lib/admin/action-state';

/**
 * What a save did, under the form: the cache keys it invalidated (or a warning that Redis could not be
 * told), a conflict, or why nothing was saved. Focusable so the form can move focus here after a save.
 */
export function ActionResult({
  state,
  shownFields = [],
  reloadHref,
  ref,
  testId = 'action-result',
}: {
  state: ActionState;
  /** Fields that show their own errors; errors for any other field are listed here. */
  shownFields?: readonly string[];
  /** Where "reload" goes after a conflict (the page itself, freshly loaded). */
  reloadHref?: string;
  ref?: Ref<HTMLDivElement>;
  testId?: string;
}) {
  return (
    <div ref={ref} tabIndex={-1} aria-live="polite" data-testid={testId} data-status={state.status} className="outline-none empty:hidden">
      {state.status === 'saved' ? <Saved state={state} /> : null}
      {state.status === 'conflict' ? (
        <div role="alert" className="rounded-2xl border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
          <p className="font-semibold">Not saved: this changed while you were editing.</p>
          <p className="mt-1">{state.message}</p>
          {reloadHref ? (
            <p className="mt-2">
              <a href={reloadHref} className="font-semibold text-amber-950 underline underline-offset-4">
                Reload with the latest version
              </a>
            </p>
          ) : null}
        </div>
      ) : null}
      {state.status === 'invalid' ? (
        <div role="alert" className="rounded-2xl border border-nonveg/30 bg-nonveg-soft px-4 py-3 text-sm text-nonveg">
          <p className="font-semibold">{state.message}</p>
          <OtherErrors fieldErrors={state.fieldErrors} shownFields={shownFields} />
        </div>
      ) : null}
      {state.status === 'failed' ? (
        <p role="alert" className="rounded-2xl border border-nonveg/30 bg-nonveg-soft px-4 py-3 text-sm font-semibold text-nonveg">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}

function Saved({ state }: { state: Extract<ActionState, { status: 'saved' }> }) {
  const tone = state.cacheWarning ? 'border-amber-300 bg-amber-50 text-amber-950' : 'border-emerald-200 bg-emerald-50 text-emerald-950';
  return (
    <div role="status" className={`rounded-2xl border px-4 py-3 text-sm ${tone}`}>
      <p className="font-semibold">{state.cacheWarning ?? state.message}</p>
      {state.invalidatedKeys.length > 0 ? (
        <>
          <p className="mt-2">
            {state.cacheWarning ? 'Cache keys concerned:' : 'Cache keys invalidated, so the next customer load reads Postgres:'}
          </p>
          <ul className="mt-1 flex flex-col gap-1" data-testid="invalidated-keys">
            {state.invalidatedKeys.map((key) => (
              <li key={key}>
                <code className="rounded bg-white/70 px-1.5 py-0.5 font-mono text-xs break-all">{key}</code>
              </li>
            ))}
            {state.unlisted ? <li className="text-xs">…and {state.unlisted} more</li> : null}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function OtherErrors({ fieldErrors, shownFields }: { fieldErrors: Partial<Record<string, string[]>>; shownFields: readonly string[] }) {
  const others = Object.entries(fieldErrors).filter(([field, errors]) => !shownFields.includes(field) && errors?.length);
  if (others.length === 0) return null;
  return (
    <ul className="mt-1 list-disc pl-5">
      {others.map(([field, errors]) => (
        <li key={field}>
          {field === 'version' ? 'This form is out of date: reload the page.' : `${field}: ${errors!.join(' ')}`}
        </li>
      ))}
    </ul>
  );
}
