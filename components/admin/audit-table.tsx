import { styles } from '@/components/admin/styles';
import { actionLabel, describeAuditChanges, formatWhen } from '@/lib/admin/format';
import type { AuditRow } from '@/lib/menus/admin-queries';
import { orderOfAuditTarget } from '@/lib/orders/audit-target';
import { shortOrderId } from '@/lib/orders/status';

/**
 * Who changed what and when, newest first, with the cache keys each change invalidated and when
 * each one really was (or that it is still being retried).
 */
export function AuditTable({
  rows,
  targetNames = new Map(),
  targetHrefs = new Map(),
  categories,
  caption,
}: {
  rows: AuditRow[];
  /** Readable names for targets such as `menu_item:123`. */
  targetNames?: ReadonlyMap<string, string>;
  /** Where a target can be seen on this page, such as an order's row (`#order-<id>`). */
  targetHrefs?: ReadonlyMap<string, string>;
  categories?: ReadonlyMap<number, string>;
  caption: string;
}) {
  if (rows.length === 0) return <p className="text-sm text-muted">Nothing recorded yet.</p>;
  return (
    <div className="overflow-x-auto" role="region" aria-label="Change history" tabIndex={0}>
      <table className={styles.table} data-testid="audit-log">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className={styles.th}>When</th>
            <th scope="col" className={styles.th}>Who</th>
            <th scope="col" className={styles.th}>Action</th>
            <th scope="col" className={styles.th}>What changed</th>
            <th scope="col" className={styles.th}>Invalidated keys</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid="audit-row">
              <td className={`${styles.td} whitespace-nowrap text-muted`}>
                <time dateTime={row.createdAt.toISOString()}>{formatWhen(row.createdAt)}</time>
              </td>
              <td className={styles.td}>{row.adminEmail ?? <span className="text-muted">(removed admin)</span>}</td>
              <td className={`${styles.td} font-semibold whitespace-nowrap`}>{actionLabel(row.action)}</td>
              <td className={styles.td}>
                <p className="font-medium text-ink">
                  <TargetName name={targetNames.get(row.target) ?? targetLabel(row.target)} href={targetHrefs.get(row.target)} />
                </p>
                <ul className="mt-0.5 text-muted">
                  {describeAuditChanges(row.action, row.changes, categories).map((line, i) => (
                    <li key={i}>{line}</li>
                  ))}
                </ul>
              </td>
              <td className={styles.td}>
                <ul className="flex flex-col gap-1">
                  {row.invalidatedKeys.map((key) => (
                    <li key={key} data-testid="audit-key">
                      <code className="font-mono text-xs break-all">{key}</code>
                      <InvalidatedAt at={row.invalidatedAt[key]} />
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A target as an admin knows it: an order by its short number ("Order #Mrf0gQGe"), anything else as written. */
function targetLabel(target: string): string {
  const orderId = orderOfAuditTarget(target);
  return orderId === null ? target : `Order #${shortOrderId(orderId)}`;
}

function TargetName({ name, href }: { name: string; href: string | undefined }) {
  if (href === undefined) return name;
  return (
    <a href={href} className={styles.textLink}>
      {name}
    </a>
  );
}

/** When a key was really invalidated: a time, "pending" while it is retried, nothing for entries older than the record. */
function InvalidatedAt({ at }: { at: Date | null | undefined }) {
  if (at === undefined) return null;
  if (at === null) {
    return (
      <span data-testid="audit-key-pending" className="block text-xs font-semibold text-amber-800">
        pending: retried every second until Redis takes it
      </span>
    );
  }
  return (
    <span className="block text-xs text-muted">
      invalidated <time dateTime={at.toISOString()}>{formatWhen(at)}</time>
    </span>
  );
}
