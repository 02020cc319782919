'use client';

import { useActionState, useEffect, useRef } from 'react';

import { styles } from '@/components/admin/styles';
import { CANCEL_REASON_MAX, CANCEL_REASON_MIN, CANCEL_REASON_SUGGESTIONS } from '@/lib/orders/admin-cancel-messages';
import type { AdminStepState } from '@/lib/orders/admin-step-messages';
import { isAdminCancellable, shortOrderId, type OrderStatus } from '@/lib/orders/status';

import { OrderRowAnswer } from './order-row-answer';
import type { OrderStepAction } from './order-step-form';

const IDLE: AdminStepState = { status: 'idle' };

/**
 * "Cancel order…" under an order's step button while it can still be cancelled (placed or accepted,
 * decision 068): folded away, so it takes a deliberate second click and a reason the customer will
 * read. The answer stays in sight after the order is cancelled (the row then offers no form).
 */
export function OrderCancelForm({ action, orderId, status }: { action: OrderStepAction; orderId: string; status: OrderStatus }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const short = shortOrderId(orderId);
  const listId = `cancel-reasons-${orderId}`;
  // The answer takes focus: the button is disabled while pending, and once the order is cancelled the
  // form is gone, so focus had dropped to <body>. The answer says what happened and is announced.
  const answerRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.status !== 'idle') answerRef.current?.focus();
  }, [state]);
  return (
    <div className="mt-2 flex flex-col items-start gap-1.5" data-testid="order-cancel">
      {isAdminCancellable(status) ? (
        <details className="text-xs">
          <summary className="cursor-pointer font-semibold text-nonveg">Cancel order…</summary>
          <form action={formAction} className="mt-2 flex flex-col items-start gap-1.5">
            <input type="hidden" name="orderId" value={orderId} />
            <label htmlFor={`cancel-reason-${orderId}`} className="font-medium text-ink">
              Reason the customer sees
            </label>
            <input
              id={`cancel-reason-${orderId}`}
              name="reason"
              required
              minLength={CANCEL_REASON_MIN}
              maxLength={CANCEL_REASON_MAX}
              list={listId}
              autoComplete="off"
              className={`${styles.inputBox} w-56`}
            />
            <datalist id={listId}>
              {CANCEL_REASON_SUGGESTIONS.map((reason) => (
                <option key={reason} value={reason} />
              ))}
            </datalist>
            <button type="submit" disabled={pending} aria-label={`Cancel order #${short}`} className={`${styles.dangerButton} whitespace-nowrap`}>
              {pending ? 'Cancelling…' : 'Cancel order'}
            </button>
          </form>
        </details>
      ) : null}
      <OrderRowAnswer ref={answerRef} state={state} testId="order-cancel-result" />
    </div>
  );
}
