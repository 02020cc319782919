import Link from 'next/link';

import { styles } from '@/components/admin/styles';
import { formatWhen } from '@/lib/admin/format';
import type { AdminRestaurantRow } from '@/lib/menus/admin-queries';

/** Search results: each restaurant links to its edit page, and to the customer page for comparison. */
export function RestaurantTable({ rows, showCity, caption }: { rows: AdminRestaurantRow[]; showCity: boolean; caption: string }) {
  return (
    // Scrolls sideways inside itself on phones (the page does not), with a focusable region to scroll by keyboard.
    <div className="-mx-4 max-w-[100vw] overflow-x-auto px-4 sm:mx-0 sm:px-0" role="region" aria-label={caption} tabIndex={0}>
      <table className={styles.table} data-testid="admin-restaurants">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className={styles.th}>Restaurant</th>
            {showCity ? <th scope="col" className={styles.th}>City</th> : null}
            <th scope="col" className={styles.th}>Cuisines</th>
            <th scope="col" className={styles.th}>Items</th>
            <th scope="col" className={styles.th}>Status</th>
            <th scope="col" className={styles.th}>Last change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.slug}>
              <td className={styles.td}>
                <Link prefetch={false} href={`/admin/restaurants/${row.slug}`} className="font-semibold text-ink hover:text-brand-700 hover:underline">
                  {row.name}
                </Link>
                <p>
                  <Link href={`/${row.city.slug}/${row.slug}`} prefetch={false} className="text-xs text-muted hover:text-brand-700">
                    Customer page<span className="sr-only"> of {row.name}</span>
                  </Link>
                </p>
              </td>
              {showCity ? <td className={styles.td}>{row.city.name}</td> : null}
              <td className={`${styles.td} text-muted`}>{row.cuisines.join(', ')}</td>
              <td className={`${styles.td} tabular-nums`}>{row.itemCount}</td>
              <td className={styles.td}>
                {row.isOpen ? (
                  <span className="rounded-full bg-veg-soft px-2 py-0.5 text-xs font-semibold text-veg-ink">Open</span>
                ) : (
                  <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs font-semibold text-muted">Closed</span>
                )}
              </td>
              <td className={`${styles.td} whitespace-nowrap text-muted`}>
                <time dateTime={row.updatedAt.toISOString()}>{formatWhen(row.updatedAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
