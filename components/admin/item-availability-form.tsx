'use client';

import { useActionState, useEffect, useRef } from 'react';

import { styles } from '@/components/admin/styles';
import { IDLE, type ActionState } from '@/lib/admin/action-state';

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * "Mark unavailable" / "Mark available" beside an item in the admin menu list: one press, no edit form
 * (a kitchen out of a dish mid-service had Edit, untick, Save, back per dish). It asks for the state it
 * names, with the row's version, so a stale page is told so rather than flipping the wrong way. Each
 * row answers in the row, where the admin is looking, and the button keeps focus: it is disabled while
 * the press is pending, which drops focus to <body>, so a keyboard user's next Tab started at the top
 * of the page (as after a refused checkout, docs/ordering.md); focus goes back to it with the answer.
 */
export function ItemAvailabilityForm({
  action,
  item,
}: {
  action: Action;
  item: { id: number; name: string; available: boolean; version: number };
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const buttonRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (state.status !== 'idle') buttonRef.current?.focus();
  }, [state]);
  const next = !item.available;
  return (
    <form action={formAction} className="flex flex-col items-end gap-1" data-testid="item-availability">
      <input type="hidden" name="itemId" value={item.id} />
      <input type="hidden" name="version" value={item.version} />
      <input type="hidden" name="itemName" value={item.name} />
      <input type="hidden" name="available" value={String(next)} />
      <button ref={buttonRef} type="submit" disabled={pending} aria-label={`${next ? 'Mark available' : 'Mark unavailable'}: ${item.name}`} className={styles.secondaryButton}>
        {pending ? 'Saving…' : next ? 'Mark available' : 'Mark unavailable'}
      </button>
      <p
        aria-live="polite"
        data-testid="item-availability-result"
        data-status={state.status}
        className={`max-w-56 text-right text-xs empty:hidden ${state.status === 'saved' ? 'text-emerald-800' : 'font-medium text-nonveg'}`}
      >
        {state.status === 'idle' ? '' : state.status === 'saved' && state.cacheWarning ? state.cacheWarning : state.message}
      </p>
    </form>
  );
}
