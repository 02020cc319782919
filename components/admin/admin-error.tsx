'use client';

import { ErrorPanel } from '@/components/ui/error-panel';

/**
 * What an admin page's error boundary shows. A session Redis could not confirm never lands here: the
 * page renders <AdminSessionUnavailable> itself (decision 055).
 */
export function AdminError({ error, retry, title, message }: { error: unknown; retry: () => void; title: string; message: string }) {
  return <ErrorPanel title={title} message={message} error={error} retry={retry} />;
}
