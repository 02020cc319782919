'use client';

import { useActionState } from 'react';

import { styles } from '@/components/admin/styles';
import { STEP_BUTTON_LABELS, type AdminStepState } from '@/lib/orders/admin-step-messages';
import { nextStatus, shortOrderId, type OrderStatus } from '@/lib/orders/status';

import { OrderRowAnswer } from './order-row-answer';

export type OrderStepAction = (state: AdminStepState, formData: FormData) => Promise<AdminStepState>;

const IDLE: AdminStepState = { status: 'idle' };

/**
 * The button that moves one order to its next step, as the admin sees it now (the form carries that
 * step, so a stale page is told "already accepted" rather than skipping one). The answer is shown
 * under it and announced; a plain form POST, so it works before the page's script loads.
 */
export function OrderStepForm({ action, orderId, status }: { action: OrderStepAction; orderId: string; status: OrderStatus }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const to = nextStatus(status);
  return (
    <form action={formAction} className="flex flex-col items-start gap-1.5" data-testid="order-step">
      {to && to !== 'placed' ? (
        <>
          <input type="hidden" name="orderId" value={orderId} />
          <input type="hidden" name="to" value={to} />
          <button
            type="submit"
            disabled={pending}
            aria-label={`${STEP_BUTTON_LABELS[to]}: order #${shortOrderId(orderId)}`}
            className={`${to === 'accepted' ? styles.primaryButton : styles.secondaryButton} whitespace-nowrap`}
          >
            {pending ? 'Saving…' : STEP_BUTTON_LABELS[to]}
          </button>
        </>
      ) : state.status === 'idle' ? (
        <span className="text-muted">—</span>
      ) : null}
      <OrderRowAnswer state={state} testId="order-step-result" />
    </form>
  );
}
