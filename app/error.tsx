'use client';

import { ErrorPanel } from '@/components/ui/error-panel';

export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <ErrorPanel
      title="Something went wrong"
      message="We couldn't load this page just now. It is usually temporary, so please try again."
      error={error}
      retry={retry}
    />
  );
}
