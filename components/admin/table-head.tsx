import { styles } from '@/components/admin/styles';

/**
 * A console table's header row: its columns, then (unlabelled on screen) the row actions' column.
 * `className` for a table that lays itself out as cards on a phone (restaurant-orders.tsx).
 */
export function TableHead({ columns, actions = false, className }: { columns: readonly string[]; actions?: boolean; className?: string }) {
  return (
    <thead className={className}>
      <tr>
        {columns.map((column) => (
          <th key={column} scope="col" className={styles.th}>
            {column}
          </th>
        ))}
        {actions ? (
          <th scope="col" className={`${styles.th} text-right`}>
            <span className="sr-only">Actions</span>
          </th>
        ) : null}
      </tr>
    </thead>
  );
}
