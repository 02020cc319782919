'use client';

import { useActionState, useEffect, useRef } from 'react';

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
 *
 * Focus stays in the row (decision 075): while the step is saved the button is aria-disabled and a
 * press does nothing, not `disabled`, which dropped focus to <body>; it keeps focus for the next step,
 * and once the last step is taken (the button is gone) the answer takes it.
 */
export function OrderStepForm({ action, orderId, status }: { action: OrderStepAction; orderId: string; status: OrderStatus }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const to = nextStatus(status);
  const offersStep = Boolean(to && to !== 'placed');
  const formRef = useRef<HTMLFormElement>(null);
  const answerRef = useRef<HTMLParagraphElement>(null);
  // Also when the button goes after the answer came (the new status may render after it).
  useEffect(() => {
    if (state.status === 'idle' || offersStep) return;
    const focused = document.activeElement;
    // Only focus that was lost with the button, not focus the admin took elsewhere meanwhile.
    if (!focused || focused === document.body || formRef.current?.contains(focused)) answerRef.current?.focus();
  }, [state, offersStep]);
  return (
    <form ref={formRef} action={formAction} className="flex flex-col items-start gap-1.5" data-testid="order-step">
      {to && to !== 'placed' ? (
        <>
          <input type="hidden" name="orderId" value={orderId} />
          <input type="hidden" name="to" value={to} />
          <button
            type="submit"
            onClick={(event) => {
              if (pending) event.preventDefault();
            }}
            aria-disabled={pending || undefined}
            aria-label={`${STEP_BUTTON_LABELS[to]}: order #${shortOrderId(orderId)}`}
            className={`${to === 'accepted' ? styles.primaryButton : styles.secondaryButton} whitespace-nowrap aria-disabled:cursor-wait aria-disabled:opacity-70`}
          >
            {pending ? 'Saving…' : STEP_BUTTON_LABELS[to]}
          </button>
        </>
      ) : state.status === 'idle' ? (
        <span className="text-muted">—</span>
      ) : null}
      <OrderRowAnswer ref={answerRef} state={state} testId="order-step-result" />
    </form>
  );
}
