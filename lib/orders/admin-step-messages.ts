/**
 * What the admin's order buttons say and what each outcome of a step reads as (lib/orders/admin-step.ts).
 * Pure, with type-only imports, so the client form and unit tests share it.
 */
import { shortOrderId, STATUS_LABELS, type OrderStatus, type OrderStep } from './status';

/** The button that moves an order to each step ('placed' is checkout's, never a button's). */
export const STEP_BUTTON_LABELS: Record<Exclude<OrderStep, 'placed'>, string> = {
  accepted: 'Accept',
  preparing: 'Mark preparing',
  out_for_delivery: 'Mark out for delivery',
  delivered: 'Mark delivered',
};

export type AdminStepOutcome =
  /** This click moved the order; its text is queued. */
  | { status: 'moved'; to: OrderStep }
  /** The order was at that step already (the simulated kitchen's timer, another admin, a double click). */
  | { status: 'already'; to: OrderStep }
  /** It is past that step, or cancelled: nothing changed. */
  | { status: 'moved-on'; current: OrderStatus; to: OrderStep }
  /** The step before has not happened (a crafted post): nothing changed. */
  | { status: 'not-yet'; current: OrderStatus; to: OrderStep }
  /** Not an order id and a step, or not this restaurant's order. */
  | { status: 'invalid' | 'not-found' };

export type AdminStepState = { status: 'idle' } | { status: 'done' | 'refused' | 'failed'; message: string };

const lower = (status: OrderStatus) => STATUS_LABELS[status].toLowerCase();

export function adminStepState(orderId: string, outcome: AdminStepOutcome): AdminStepState {
  const order = `Order #${shortOrderId(orderId)}`;
  switch (outcome.status) {
    case 'moved':
      return { status: 'done', message: `${order} is now ${lower(outcome.to)}. The customer gets a text.` };
    case 'already':
      return { status: 'refused', message: `${order} was already ${lower(outcome.to)}. Nothing changed.` };
    case 'moved-on':
      return outcome.current === 'cancelled'
        ? { status: 'refused', message: `${order} was cancelled (by the customer or an admin). Nothing changed.` }
        : { status: 'refused', message: `${order} is already ${lower(outcome.current)}, past that step. Nothing changed.` };
    case 'not-yet':
      return { status: 'refused', message: `${order} is still ${lower(outcome.current)}: it can’t be ${lower(outcome.to)} yet. Nothing changed.` };
    case 'not-found':
      return { status: 'refused', message: `${order} is not one of this restaurant’s orders. Reload the page.` };
    case 'invalid':
      return FORM_OUT_OF_DATE;
  }
}

export const FORM_OUT_OF_DATE: AdminStepState = { status: 'refused', message: 'This order’s form is out of date: reload the page and try again.' };

export const STEP_NOT_CONFIRMED: AdminStepState = {
  status: 'failed',
  message: 'The step could not be confirmed: the database did not answer. Reload to see the order’s status; trying again is safe.',
};
