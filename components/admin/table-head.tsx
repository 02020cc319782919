import { styles } from '@/components/admin/styles';

/**
 * A console table's header row: its columns, then (unlabelled on screen) the row actions' column.
 * `className` for a table that lays itself out as cards on a phone (restaurant-orders.tsx); `roles` then
 * says what each element is explicitly, as a `display` other than a table's drops the roles in Safari.
 */
export function TableHead({ columns, actions = false, className, roles = false }: { columns: readonly string[]; actions?: boolean; className?: string; roles?: boolean }) {
  return (
    <thead className={className} role={roles ? 'rowgroup' : undefined}>
      <tr role={roles ? 'row' : undefined}>
        {columns.map((column) => (
          <th key={column} scope="col" className={styles.th} role={roles ? 'columnheader' : undefined}>
            {column}
          </th>
        ))}
        {actions ? (
          <th scope="col" className={`${styles.th} text-right`} role={roles ? 'columnheader' : undefined}>
            <span className="sr-only">Actions</span>
          </th>
        ) : null}
      </tr>
    </thead>
  );
}
