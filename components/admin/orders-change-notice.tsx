import { describeOrdersChange, type OrdersChange } from '@/lib/orders/orders-change';

/**
 * The notice that the restaurant's orders changed since the page rendered: "2 new orders · Show them",
 * fixed at the bottom of the screen so an admin editing the menu above sees it too. Its live region is
 * always rendered (a region added with its text is not announced), empty while nothing changed.
 */
export function OrdersChangeNotice({ change, showing, onShow }: { change: OrdersChange | null; showing: boolean; onShow?: () => void }) {
  return (
    <div role="status" aria-live="polite" data-testid="orders-change" className="pointer-events-none fixed inset-x-0 bottom-4 z-40 flex justify-center px-4">
      {change ? (
        <p className="pointer-events-auto flex max-w-full flex-wrap items-center gap-x-3 gap-y-1 rounded-full bg-ink px-5 py-2.5 text-sm font-semibold text-white shadow-lg">
          <span data-testid="orders-change-text">{describeOrdersChange(change)}</span>
          <button
            type="button"
            onClick={onShow}
            disabled={showing}
            className="rounded-full bg-white px-3 py-1 text-sm font-bold text-ink hover:bg-stone-100 disabled:cursor-wait disabled:opacity-70"
          >
            {showing ? 'Loading…' : 'Show them'}
          </button>
        </p>
      ) : null}
    </div>
  );
}
