'use client';

import { useEffect } from 'react';

import { ErrorPanel } from '@/components/error-panel';

export default function AdminCacheError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <ErrorPanel
      title="We couldn't load the cache page"
      message="Redis trouble alone never causes this page; reading the audit log from Postgres failed. Please try again."
      error={error}
      retry={retry}
    />
  );
}
