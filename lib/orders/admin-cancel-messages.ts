/**
 * What each outcome of an admin's cancel reads as (lib/orders/admin-cancel.ts), and the reasons the
 * form suggests. Pure, with type-only imports, so the client form and unit tests share it.
 */
import type { AdminStepState } from './admin-step-messages';
import { shortOrderId, STATUS_LABELS, type OrderStatus } from './status';

export type AdminCancelOutcome =
  /** This click cancelled it; the customer's text is queued. */
  | { status: 'cancelled' }
  /** Cancelled before: by its customer (no reason) or by an admin (a double click, another tab). */
  | { status: 'already-cancelled'; byCustomer: boolean }
  /** It is being prepared or further (the timer or another admin got there first): nothing changed. */
  | { status: 'too-late'; current: OrderStatus }
  /** The reason is missing, too short or too long: nothing changed. */
  | { status: 'bad-reason' }
  /** Not an order id and a reason, or not this restaurant's order. */
  | { status: 'invalid' | 'not-found' };

/** A reason's length after folding (admin-cancel.ts): short enough for the customer's text; the table's check allows 200. */
export const CANCEL_REASON_MIN = 3;
export const CANCEL_REASON_MAX = 120;

/** Offered in the reason field (a datalist): any other short text will do. */
export const CANCEL_REASON_SUGGESTIONS = [
  'An item in your order ran out',
  'The kitchen is closing early',
  'We are too busy to deliver it on time',
] as const;

export function adminCancelState(orderId: string, outcome: AdminCancelOutcome): AdminStepState {
  const order = `Order #${shortOrderId(orderId)}`;
  switch (outcome.status) {
    case 'cancelled':
      return { status: 'done', message: `${order} is cancelled. The customer gets a text with your reason.` };
    case 'already-cancelled':
      return {
        status: 'refused',
        message: outcome.byCustomer ? `${order} was cancelled by the customer. Nothing changed.` : `${order} was already cancelled. Nothing changed.`,
      };
    case 'too-late':
      return {
        status: 'refused',
        message: `${order} is already ${STATUS_LABELS[outcome.current].toLowerCase()}: it can only be cancelled while placed or accepted. Nothing changed.`,
      };
    case 'bad-reason':
      return { status: 'refused', message: `Give the customer a reason of ${CANCEL_REASON_MIN} to ${CANCEL_REASON_MAX} characters. Nothing changed.` };
    case 'not-found':
      return { status: 'refused', message: `${order} is not one of this restaurant’s orders. Reload the page.` };
    case 'invalid':
      return { status: 'refused', message: 'This order’s form is out of date: reload the page and try again.' };
  }
}

export const CANCEL_NOT_CONFIRMED: AdminStepState = {
  status: 'failed',
  message: 'The cancellation could not be confirmed: the database did not answer. Reload to see the order’s status; trying again is safe.',
};
