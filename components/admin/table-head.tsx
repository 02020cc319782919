import { styles } from '@/components/admin/styles';

/** A console table's header row: its columns, then (unlabelled on screen) the row actions' column. */
export function TableHead({ columns, actions = false }: { columns: readonly string[]; actions?: boolean }) {
  return (
    <thead>
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
