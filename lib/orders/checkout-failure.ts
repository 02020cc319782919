import 'server-only';

import { mayHaveCommitted } from '@/db/deadline-outcome';

/**
 * What a customer is told when placing their order threw. Nothing was placed, unless Postgres stopped
 * answering after the COMMIT was sent (db/deadline-outcome.ts): then the order may stand, and saying
 * "could not be placed" sent them away from an order the restaurant was about to cook. Pressing
 * again sends the same idempotency key, which finds that order if it stands (lib/orders/checkout.ts).
 */
export function checkoutFailureMessage(error: unknown): string {
  return mayHaveCommitted(error)
    ? 'We couldn’t confirm your order: the database stopped answering as it was being placed. Press Place order again in a moment: if it went through, you’ll be taken to it, and it won’t be placed twice.'
    : 'Your order could not be placed just now. Please try again in a moment.';
}
