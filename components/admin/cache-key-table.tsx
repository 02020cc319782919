'use client';

import { useActionState } from 'react';

import { ActionResult } from '@/components/admin/action-result';
import { ConfirmForm } from '@/components/admin/confirm-form';
import { styles } from '@/components/admin/styles';
import { TableHead } from '@/components/admin/table-head';
import { useResultFocus } from '@/components/admin/use-result-focus';
import { IDLE, type ActionState } from '@/lib/admin/action-state';

export interface KeyRowView {
  key: string;
  type: string;
  ttl: string;
  size: string;
  role: 'entry' | 'generation' | 'other';
}

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * One page of a cache namespace's keys. Every purge button shares one action state shown above the
 * table, so the answer stays when the purged key's row goes. Generation keys have no purge button:
 * they are rotated by purging their entry, never deleted.
 */
export function CacheKeyTable({ rows, purgeAction, caption }: { rows: KeyRowView[]; purgeAction: Action; caption: string }) {
  const [state, formAction, pending] = useActionState(purgeAction, IDLE);
  const { resultRef } = useResultFocus(state);

  return (
    <div className="flex flex-col gap-4">
      <ActionResult ref={resultRef} state={state} testId="purge-key-result" />
      {rows.length === 0 ? (
        <p className="text-sm text-muted">No keys on this page.</p>
      ) : (
        <div className="overflow-x-auto" role="region" aria-label="Cache keys" tabIndex={0}>
          <table className={styles.table} data-testid="cache-keys">
            <caption className="sr-only">{caption}</caption>
            <TableHead columns={['Key', 'Type', 'TTL', 'Size']} actions />
            <tbody>
              {rows.map((row) => (
                <tr key={row.key} data-testid="cache-key-row" data-key={row.key}>
                  <td className={styles.td}>
                    <code className="font-mono text-xs break-all text-ink">{row.key}</code>
                    {row.role === 'generation' ? <p className="text-xs text-muted">Generation key: rotated by purging its entry, never deleted</p> : null}
                    {row.role === 'other' ? <p className="text-xs text-muted">Not read by this version of the app</p> : null}
                  </td>
                  <td className={`${styles.td} font-mono text-xs`}>{row.type}</td>
                  <td className={`${styles.td} whitespace-nowrap tabular-nums`}>{row.ttl}</td>
                  <td className={`${styles.td} whitespace-nowrap tabular-nums`}>{row.size}</td>
                  <td className={`${styles.td} text-right`}>
                    {row.role === 'generation' ? (
                      <span className="text-xs text-muted">Kept</span>
                    ) : (
                      <ConfirmForm
                        formAction={formAction}
                        pending={pending}
                        fields={{ key: row.key }}
                        ask="Purge"
                        askLabel={`Purge ${row.key}`}
                        question="Purge this key?"
                        confirm="Yes, purge"
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
