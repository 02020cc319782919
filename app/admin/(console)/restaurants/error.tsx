'use client';

import { useEffect } from 'react';

import { ErrorPanel } from '@/components/error-panel';

export default function AdminRestaurantsError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <ErrorPanel
      title="We couldn't load this admin page"
      message="Reading from Postgres failed. Nothing was changed; it is usually temporary, so please try again."
      error={error}
      retry={retry}
    />
  );
}
