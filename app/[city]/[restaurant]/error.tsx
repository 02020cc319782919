'use client';

import { ErrorPanel } from '@/components/ui/error-panel';

export default function MenuError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <ErrorPanel
      title="We couldn't load this menu"
      message="Something went wrong while fetching the menu. It is usually temporary, so please try again."
      error={error}
      retry={retry}
    />
  );
}
