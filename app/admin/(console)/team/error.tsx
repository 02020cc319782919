'use client';

import { useEffect } from 'react';

import { ErrorPanel } from '@/components/ui/error-panel';

export default function AdminTeamError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <ErrorPanel
      title="We couldn't load the team"
      message="The admins and their log are read from Postgres, which did not answer. Nothing was changed. Please try again."
      error={error}
      retry={retry}
    />
  );
}
