'use client';

import { AdminError } from '@/components/admin/admin-error';

export default function AdminRestaurantsError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <AdminError
      error={error}
      retry={retry}
      title="We couldn't load this admin page"
      message="Reading from Postgres failed. Nothing was changed; it is usually temporary, so please try again."
    />
  );
}
