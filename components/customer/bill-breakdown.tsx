import { Price } from '@/components/ui/price';
import type { Bill } from '@/lib/orders/bill';


/** The bill as checkout charges it (lib/orders/bill.ts): each part on its own row, then "To pay". */
export function BillBreakdown({ bill, gstPercent, paid = false }: { bill: Bill; gstPercent: number; paid?: boolean }) {
  const row = 'flex justify-between gap-3 py-1 text-sm';
  return (
    <dl data-testid="bill" className="divide-y divide-transparent">
      <div className={row}>
        <dt className="text-ink">Item total</dt>
        <dd data-testid="bill-items">
          <Price paise={bill.itemTotalPaise} />
        </dd>
      </div>
      {bill.discountPaise > 0 ? (
        <div className={`${row} text-rating`}>
          <dt>
            Discount
            {bill.offerLabel ? <span className="block text-xs text-muted">{bill.offerLabel}</span> : null}
          </dt>
          <dd data-testid="bill-discount" className="font-semibold">
            −<Price paise={bill.discountPaise} />
          </dd>
        </div>
      ) : null}
      <div className={row}>
        <dt className="text-ink">Delivery fee</dt>
        <dd data-testid="bill-delivery">
          <Price paise={bill.deliveryFeePaise} />
        </dd>
      </div>
      <div className={row}>
        <dt className="text-ink">Packaging</dt>
        <dd data-testid="bill-packaging">
          <Price paise={bill.packagingFeePaise} />
        </dd>
      </div>
      <div className={row}>
        <dt className="text-ink">GST ({gstPercent}% on food and packaging)</dt>
        <dd data-testid="bill-gst">
          <Price paise={bill.gstPaise} />
        </dd>
      </div>
      <div className={`${row} mt-2 border-t border-line pt-3 text-base font-extrabold text-ink`}>
        <dt>{paid ? 'Total' : 'To pay'}</dt>
        <dd data-testid="bill-total">
          <Price paise={bill.totalPaise} />
        </dd>
      </div>
    </dl>
  );
}
