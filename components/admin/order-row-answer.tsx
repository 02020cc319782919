import type { Ref } from 'react';

import type { AdminStepState } from '@/lib/orders/admin-step-messages';

/**
 * What an admin's step or cancel did to an order, under its button in the row, announced as it comes.
 * Focusable from script (`ref`), for a form that moves focus to it once its button is gone.
 */
export function OrderRowAnswer({ state, testId, ref }: { state: AdminStepState; testId: string; ref?: Ref<HTMLParagraphElement> }) {
  return (
    <p
      ref={ref}
      tabIndex={ref ? -1 : undefined}
      aria-live="polite"
      data-testid={testId}
      data-status={state.status}
      className={`max-w-56 text-xs empty:hidden ${state.status === 'done' ? 'text-emerald-800' : 'font-medium text-nonveg'}`}
    >
      {state.status === 'idle' ? '' : state.message}
    </p>
  );
}
