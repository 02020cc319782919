'use client';

import { startTransition, useActionState, useId, useOptimistic, type FormEvent } from 'react';

import type { FavouriteFormState } from '@/lib/favourites/types';
import { formatCompactCount, plural } from '@/lib/format';

import { HeartIcon } from './heart-icon';

interface Shown {
  favourited: boolean;
  count: number;
}

function withChoice(current: Shown, favourited: boolean): Shown {
  if (current.favourited === favourited) return current;
  return { favourited, count: Math.max(0, current.count + (favourited ? 1 : -1)) };
}

/**
 * The heart on a menu page for a signed-in customer: "♥ 12", pressed when saved. A plain form posting
 * the state it asks for, so it works before JavaScript loads; with JavaScript the new state shows at
 * once (useOptimistic) and the server's answer (the saved state) replaces it, or a refusal
 * (too many changes) puts the old state back with a message.
 */
export function FavouriteToggle({
  favourited,
  count,
  restaurantName,
  action,
}: {
  favourited: boolean;
  count: number;
  restaurantName: string;
  action: (previous: FavouriteFormState, form: FormData) => Promise<FavouriteFormState>;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  // What the last save answered outranks the props, which a shared page does not re-render with.
  const [shown, choose] = useOptimistic(state.saved ?? { favourited, count }, withChoice);
  const countId = useId();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // Handled here instead of by the form's action so the optimistic state joins the same transition.
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => {
      choose(form.get('favourite') === 'true');
      formAction(form);
    });
  }

  return (
    <form action={formAction} onSubmit={onSubmit} className="inline-flex flex-col items-start">
      <input type="hidden" name="favourite" value={String(!shown.favourited)} />
      <button
        type="submit"
        aria-pressed={shown.favourited}
        aria-describedby={countId}
        data-testid="favourite-toggle"
        title={shown.favourited ? 'Remove from your favourites' : 'Save to your favourites'}
        className={`inline-flex items-center gap-1.5 rounded-full border px-3 py-1 text-sm font-semibold shadow-sm transition-colors ${
          shown.favourited
            ? 'border-nonveg/30 bg-nonveg-soft text-nonveg hover:bg-red-100'
            : 'border-line bg-white text-ink hover:bg-stone-50'
        }`}
      >
        <HeartIcon filled={shown.favourited} className={`size-4 ${shown.favourited ? '' : 'text-muted'}`} />
        <span className="sr-only">Favourite {restaurantName}</span>
        <span aria-hidden="true" data-testid="favourite-count" data-count={shown.count} className="tabular-nums">
          {formatCompactCount(shown.count)}
        </span>
      </button>
      <span id={countId} className="sr-only">
        {plural(shown.count, 'customer')} saved this restaurant
      </span>
      {state.message && !pending ? (
        <p role="status" data-testid="favourite-message" className="mt-1 text-xs font-medium text-nonveg">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
