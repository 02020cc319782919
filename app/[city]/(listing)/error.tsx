'use client';

import { ErrorPanel } from '@/components/ui/error-panel';

export default function CityError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <ErrorPanel
      title="We couldn't load these restaurants"
      message="Something went wrong while fetching this city's restaurants. It is usually temporary, so please try again."
      error={error}
      retry={retry}
    />
  );
}
