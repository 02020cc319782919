import type { Metadata } from 'next';

import { AdminSessionUnavailable } from '@/components/admin/session-unavailable';
import { PageHeader } from '@/components/admin/page-header';
import { styles } from '@/components/admin/styles';
import { adminPagePath, requireAdmin } from '@/lib/auth/admin';
import { readQueues } from '@/lib/queue/admin';
import { queueNoticeOf } from '@/lib/queue/notices';

import { discardDeadLetterAction, retryDeadLetterAction } from './actions';

export const metadata: Metadata = { title: 'Queue' };

const NOTICE_TONES = {
  ok: 'border-emerald-200 bg-emerald-50 text-emerald-950',
  warn: 'border-amber-300 bg-amber-50 text-amber-950',
  error: 'border-nonveg/30 bg-nonveg-soft text-nonveg',
} as const;

function when(ms: number | null | undefined): string {
  return ms ? new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '—';
}

export default async function AdminQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireAdmin();
  if (!admin) return <AdminSessionUnavailable retryHref={await adminPagePath()} />;
  const [read, query] = await Promise.all([readQueues(), searchParams]);
  const notice = queueNoticeOf(query.notice);

  return (
    <>
      <PageHeader title="Queue">
        Background jobs per queue: waiting, running (claimed by a worker, with its lease), delayed (scheduled for later,
        or waiting to retry), dead letters (failed every attempt), which can be retried or discarded, and the jobs
        finished most recently.
      </PageHeader>

      {notice ? (
        <p
          role={notice.tone === 'ok' ? 'status' : 'alert'}
          data-testid="queue-notice"
          data-tone={notice.tone}
          className={`mb-8 rounded-3xl border px-5 py-4 font-semibold ${NOTICE_TONES[notice.tone]}`}
        >
          {notice.text}
        </p>
      ) : null}

      {!read.ok ? (
        <div role="alert" className="mb-8 rounded-3xl border border-nonveg/30 bg-nonveg-soft px-5 py-4 text-nonveg">
          <p className="font-semibold">Redis is not answering right now: the queues cannot be read. Reload to try again.</p>
        </div>
      ) : (
        <div className="flex flex-col gap-8">
          {read.queues.map((queue) => (
            <section key={queue.queue} className={styles.card} data-testid={`queue-${queue.queue}`}>
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
                    <thead>
                      <tr>
                        <th className={styles.th}>Job</th>
                        <th className={styles.th}>Type</th>
                        <th className={styles.th}>Attempt</th>
                        <th className={styles.th}>Lease until</th>
                      </tr>
                    </thead>
                    <tbody>
                      {queue.inFlight.map((job) => (
                        <tr key={job.id}>
                          <td className={`${styles.td} font-mono text-xs`}>{job.id}</td>
                          <td className={styles.td}>{job.type ?? '(finished)'}</td>
                          <td className={styles.td}>{job.attempts}</td>
                          <td className={styles.td}>{when(job.leaseDeadline)}</td>
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
                    <thead>
                      <tr>
                        <th className={styles.th}>Job</th>
                        <th className={styles.th}>Type</th>
                        <th className={styles.th}>Finished</th>
                      </tr>
                    </thead>
                    <tbody>
                      {queue.finished.map((job) => (
                        <tr key={job.id}>
                          <td className={`${styles.td} font-mono text-xs`}>{job.id}</td>
                          <td className={styles.td}>{job.type}</td>
                          <td className={styles.td}>{when(job.finishedAt)}</td>
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
                    <thead>
                      <tr>
                        <th className={styles.th}>Job</th>
                        <th className={styles.th}>Type</th>
                        <th className={styles.th}>Attempts</th>
                        <th className={styles.th}>Last error</th>
                        <th className={styles.th}>Failed</th>
                        <th className={styles.th}>
                          <span className="sr-only">Actions</span>
                        </th>
                      </tr>
                    </thead>
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
                          <td className={styles.td}>{when(job.failedAt)}</td>
                          <td className={`${styles.td} whitespace-nowrap`}>
                            <div className="flex gap-2">
                              {!job.missing ? (
                                <form action={retryDeadLetterAction}>
                                  <input type="hidden" name="queue" value={queue.queue} />
                                  <input type="hidden" name="id" value={job.id} />
                                  <button type="submit" className={styles.secondaryButton}>
                                    Retry
                                  </button>
                                </form>
                              ) : null}
                              <form action={discardDeadLetterAction}>
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
          ))}
        </div>
      )}
    </>
  );
}
