import { countLabel, NAMESPACE_LABELS } from '@/components/admin/cache-labels';
import { styles } from '@/components/admin/styles';
import type { PrivateNamespace } from '@/lib/admin/cache-inspect';

/** Namespaces that are not cache: a count each and nothing else, since their key names can carry tokens. */
export function PrivateNamespaces({ rows, unknown, complete }: { rows: { namespace: PrivateNamespace; keys: number }[]; unknown: number; complete: boolean }) {
  return (
    <div className="overflow-x-auto" role="region" aria-label="Private namespaces" tabIndex={0}>
      <table className={`${styles.table} min-w-0`} data-testid="private-namespaces">
        <caption className="sr-only">Keys in namespaces that are not cache</caption>
        <thead>
          <tr>
            <th scope="col" className={styles.th}>Namespace</th>
            <th scope="col" className={styles.th}>Holds</th>
            <th scope="col" className={`${styles.th} text-right`}>Keys</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.namespace}>
              <th scope="row" className={`${styles.td} font-mono font-semibold`}>{row.namespace}</th>
              <td className={`${styles.td} text-muted`}>{NAMESPACE_LABELS[row.namespace]}</td>
              <td className={`${styles.td} text-right tabular-nums`}>{countLabel(row.keys, complete)}</td>
            </tr>
          ))}
          {unknown > 0 ? (
            <tr>
              <th scope="row" className={`${styles.td} font-semibold`}>other</th>
              <td className={`${styles.td} text-muted`}>Keys under this prefix in no known namespace</td>
              <td className={`${styles.td} text-right tabular-nums`}>{countLabel(unknown, complete)}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
