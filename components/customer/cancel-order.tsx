import { formatClockTime } from '@/lib/format';

/**
 * "Cancel order" while the restaurant has not accepted the order. Asks first in a <details>
 * disclosure and posts a plain form (the saved addresses' delete does the same), so both steps work
 * before or without JavaScript. `expectedBy` is when the restaurant should accept: the customer
 * is told they can cancel until then; past it, that they still can until it does.
 */
export function CancelOrder({
  action,
  restaurantName,
  expectedBy,
  now = new Date(),
  className = '',
}: {
  action: () => Promise<void>;
  restaurantName: string;
  expectedBy: Date;
  now?: Date;
  className?: string;
}) {
  return (
    <div data-testid="cancel-order" className={className}>
      <p data-testid="cancel-until" className="text-sm text-muted">
        {expectedBy.getTime() > now.getTime() ? (
          <>
            You can cancel until {restaurantName} accepts your order, expected by{' '}
            <time dateTime={expectedBy.toISOString()}>{formatClockTime(expectedBy)}</time>.
          </>
        ) : (
          <>{restaurantName} hasn’t accepted your order yet: you can cancel until it does.</>
        )}
      </p>
      <details className="group mt-2">
        <summary className="w-fit cursor-pointer list-none rounded-xl border border-red-200 bg-white px-4 py-2 text-sm font-bold text-red-800 hover:bg-red-50 [&::-webkit-details-marker]:hidden">
          Cancel order
        </summary>
        <form action={action} className="mt-2 rounded-xl border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          <p>Cancel this order from {restaurantName}? Nothing will be charged. This can’t be undone.</p>
          <button type="submit" data-testid="confirm-cancel" className="mt-2 rounded-lg bg-red-700 px-3 py-1.5 font-bold text-white hover:bg-red-800">
            Yes, cancel this order
          </button>
        </form>
      </details>
    </div>
  );
}
