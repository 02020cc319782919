'use client';

import { useActionState, useId } from 'react';

import { ActionResult } from '@/components/admin/action-result';
import { CheckboxField, TextField } from '@/components/admin/fields';
import { styles } from '@/components/admin/styles';
import { useResultFocus } from '@/components/admin/use-result-focus';
import { errorsFor, IDLE, submittedValues, type ActionState } from '@/lib/admin/action-state';

export interface RestaurantFormValues {
  name: string;
  cuisines: string[];
  isOpen: boolean;
  /** "HH:MM" or null. */
  opensAt: string | null;
  version: number;
}

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

const FIELDS = ['name', 'cuisines', 'isOpen', 'opensAt'] as const;

/**
 * Name, cuisines, open/closed and, for customers while it is closed, when it opens. The hidden version is the row's version when the page was loaded:
 * a save over a newer one is refused as a conflict. A rejected save shows what was typed, not the
 * stored values; a successful one re-renders the page, and the form (keyed by version) with it.
 */
export function RestaurantForm({ action, restaurant, reloadHref }: { action: Action; restaurant: RestaurantFormValues; reloadHref: string }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const { formRef, resultRef } = useResultFocus(state);
  const id = useId();
  const typed = submittedValues(state);

  return (
    <form key={restaurant.version} ref={formRef} action={formAction} noValidate className="flex flex-col gap-5" aria-label="Restaurant details">
      <input type="hidden" name="version" value={restaurant.version} />
      <TextField
        id={`${id}-name`}
        name="name"
        label="Name"
        defaultValue={typed?.name ?? restaurant.name}
        errors={errorsFor(state, 'name')}
        maxLength={120}
      />
      <TextField
        id={`${id}-cuisines`}
        name="cuisines"
        label="Cuisines"
        hint="Separate them with commas, e.g. South Indian, Chaat."
        defaultValue={typed?.cuisines ?? restaurant.cuisines.join(', ')}
        errors={errorsFor(state, 'cuisines')}
      />
      <CheckboxField
        id={`${id}-open`}
        name="isOpen"
        label="Open: taking orders now"
        defaultChecked={typed ? typed.isOpen === 'on' : restaurant.isOpen}
        errors={errorsFor(state, 'isOpen')}
      />
      <TextField
        id={`${id}-opens-at`}
        name="opensAt"
        label="Opens at (optional)"
        hint="A time like 11:00 (24-hour, India). While closed, customers see “Closed · opens at 11:00 am”."
        defaultValue={typed?.opensAt ?? restaurant.opensAt ?? ''}
        errors={errorsFor(state, 'opensAt')}
        inputMode="text"
        maxLength={5}
      />
      <div>
        <button type="submit" disabled={pending} className={styles.primaryButton}>
          {pending ? 'Saving…' : 'Save restaurant'}
        </button>
      </div>
      <ActionResult ref={resultRef} state={state} shownFields={FIELDS} reloadHref={reloadHref} testId="restaurant-result" />
    </form>
  );
}
