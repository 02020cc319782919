'use client';

import { AdminError } from '@/components/admin/admin-error';

export default function AdminCacheError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <AdminError
      error={error}
      retry={retry}
      title="We couldn't load the cache page"
      message="Redis trouble alone never causes this page; reading the audit log from Postgres failed. Please try again."
    />
  );
}
