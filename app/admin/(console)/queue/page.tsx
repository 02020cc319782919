import type { Metadata } from 'next';

import { AdminSessionUnavailable } from '@/components/admin/session-unavailable';
import { PageHeader } from '@/components/admin/page-header';
import { QueueCard } from '@/components/admin/queue-card';
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
            <QueueCard key={queue.queue} queue={queue} retry={retryDeadLetterAction} discard={discardDeadLetterAction} />
          ))}
        </div>
      )}
    </>
  );
}
