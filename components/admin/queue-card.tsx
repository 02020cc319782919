import { styles } from '@/components/admin/styles';
import { TableHead } from '@/components/admin/table-head';
import { formatWhen } from '@/lib/admin/format';
import type { QueueOverview } from '@/lib/queue/overview';

/** A job's time as every admin time is shown (India's time zone), or a dash when there is none. */
function When({ ms }: { ms: number | null | undefined }) {
  if (!ms) return <>—</>;
  const date = new Date(ms);
  return <time dateTime={date.toISOString()}>{formatWhen(date)}</time>;
}

/** One queue on the admin's queue page: its counts, jobs in flight, the latest finished, and dead letters with Retry and Discard. */
export function QueueCard({
  queue,
  retry,
  discard,
}: {
  queue: QueueOverview;
  retry: (form: FormData) => Promise<void>;
  discard: (form: FormData) => Promise<void>;
}) {
  return (
    <section className={styles.card} data-testid={`queue-${queue.queue}`}>
      <h2 className={styles.sectionTitle}>{queue.queue}</h2>
      <dl className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-5">
        {[
          ['Waiting', queue.ready],
          ['In flight', queue.inFlightTotal],
          ['Delayed', queue.delayed],
          ['Dead letters', queue.deadTotal],
          ['Finished', queue.finishedTotal],
        ].map(([label, value]) => (
          <div key={label}>
            <dt className="text-xs font-semibold tracking-wide text-muted uppercase">{label}</dt>
            <dd className="text-2xl font-extrabold text-ink tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>

      {queue.inFlight.length > 0 ? (
        <div className="mt-6 overflow-x-auto" role="region" aria-label={`${queue.queue}: in flight`} tabIndex={0}>
          <h3 className="font-semibold text-ink">In flight</h3>
          <table className={styles.table}>
            <TableHead columns={['Job', 'Type', 'Attempt', 'Lease until']} />
            <tbody>
              {queue.inFlight.map((job) => (
                <tr key={job.id}>
                  <td className={`${styles.td} font-mono text-xs`}>{job.id}</td>
                  <td className={styles.td}>{job.type ?? '(finished)'}</td>
                  <td className={styles.td}>{job.attempts}</td>
                  <td className={styles.td}><When ms={job.leaseDeadline} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {queue.finished.length > 0 ? (
        <div className="mt-6 overflow-x-auto" role="region" aria-label={`${queue.queue}: recently finished`} tabIndex={0} data-testid={`finished-${queue.queue}`}>
          <h3 className="font-semibold text-ink">Recently finished</h3>
          <table className={styles.table}>
            <TableHead columns={['Job', 'Type', 'Finished']} />
            <tbody>
              {queue.finished.map((job) => (
                <tr key={job.id}>
                  <td className={`${styles.td} font-mono text-xs`}>{job.id}</td>
                  <td className={styles.td}>{job.type}</td>
                  <td className={styles.td}><When ms={job.finishedAt} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="mt-6 text-sm text-muted">No finished jobs recorded yet.</p>
      )}

      {queue.dead.length > 0 || queue.deadMissing.length > 0 ? (
        <div className="mt-6 overflow-x-auto" role="region" aria-label={`${queue.queue}: dead letters`} tabIndex={0}>
          <h3 className="font-semibold text-ink">Dead letters</h3>
          <table className={styles.table}>
            <TableHead columns={['Job', 'Type', 'Attempts', 'Last error', 'Failed']} actions />
            <tbody>
              {[
                ...queue.dead.map((job) => ({ ...job, missing: false })),
                ...queue.deadMissing.map((id) => ({ id, type: '(expired)', attempts: 0, lastError: undefined, failedAt: undefined, missing: true })),
              ].map((job) => (
                <tr key={job.id}>
                  <td className={`${styles.td} font-mono text-xs`}>{job.id}</td>
                  <td className={styles.td}>{job.type}</td>
                  <td className={styles.td}>{job.attempts}</td>
                  <td className={`${styles.td} max-w-xs break-words`}>{job.lastError ?? '—'}</td>
                  <td className={styles.td}><When ms={job.failedAt} /></td>
                  <td className={`${styles.td} whitespace-nowrap`}>
                    <div className="flex gap-2">
                      {!job.missing ? (
                        <form action={retry}>
                          <input type="hidden" name="queue" value={queue.queue} />
                          <input type="hidden" name="id" value={job.id} />
                          <button type="submit" className={styles.secondaryButton}>
                            Retry
                          </button>
                        </form>
                      ) : null}
                      <form action={discard}>
                        <input type="hidden" name="queue" value={queue.queue} />
                        <input type="hidden" name="id" value={job.id} />
                        <button type="submit" className={styles.dangerButton}>
                          Discard
                        </button>
                      </form>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
