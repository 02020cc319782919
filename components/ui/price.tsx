import { formatRupees } from '@/lib/format';

/** A price from integer paise: "₹249", "₹249.50". */
export function Price({ paise, className }: { paise: number; className?: string }) {
  return (
    <data value={(paise / 100).toFixed(2)} className={className}>
      {formatRupees(paise)}
    </data>
  );
}
