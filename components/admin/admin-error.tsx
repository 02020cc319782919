'use client';

import { useEffect } from 'react';

import { styles } from '@/components/admin/styles';
import { ErrorPanel } from '@/components/ui/error-panel';
import { isSessionUnavailable } from '@/lib/auth/session-unavailable';

/**
 * What an admin page's error boundary shows. When the error is that Redis could not confirm the
 * session, the admin stays where they are, still signed in, with a way to try again: never the login
 * page (lib/auth/session-unavailable.ts). Anything else gets the boundary's own explanation.
 */
export function AdminError({ error, retry, title, message }: { error: unknown; retry: () => void; title: string; message: string }) {
  const unavailable = isSessionUnavailable(error);
  useEffect(() => {
    if (!unavailable) console.error(error);
  }, [error, unavailable]);

  if (!unavailable) return <ErrorPanel title={title} message={message} error={error} retry={retry} />;
  return (
    <div role="alert" data-testid="session-unavailable" className={`${styles.card} mx-auto max-w-lg text-center`}>
      <h1 className={styles.sectionTitle}>Temporarily unavailable</h1>
      <p className="mt-2 text-sm text-muted">
        We couldn&apos;t check your sign-in just now: the session store did not answer. You are still signed in and
        nothing was changed. This usually passes within seconds.
      </p>
      <button type="button" onClick={() => retry()} className={`${styles.primaryButton} mt-4`}>
        Try again
      </button>
    </div>
  );
}
