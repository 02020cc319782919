'use client';

import { AdminError } from '@/components/admin/admin-error';

export default function AdminConsoleError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <AdminError
      error={error}
      retry={retry}
      title="We couldn't load this admin page"
      message="Something went wrong on our side. Nothing was changed; please try again."
    />
  );
}
