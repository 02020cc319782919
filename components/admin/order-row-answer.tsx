import type { AdminStepState } from '@/lib/orders/admin-step-messages';

/** What an admin's step or cancel did to an order, under its button in the row, announced as it comes. */
export function OrderRowAnswer({ state, testId }: { state: AdminStepState; testId: string }) {
  return (
    <p
      aria-live="polite"
      data-testid={testId}
      data-status={state.status}
      className={`max-w-56 text-xs empty:hidden ${state.status === 'done' ? 'text-emerald-800' : 'font-medium text-nonveg'}`}
    >
      {state.status === 'idle' ? '' : state.message}
    </p>
  );
}
