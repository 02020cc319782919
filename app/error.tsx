'use client';

import { useEffect } from 'react';

import { ErrorPanel } from '@/components/ui/error-panel';
import { isSessionUnavailable } from '@/lib/auth/session-unavailable';

export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  // A session Redis could not confirm: they are still signed in, and sending them to sign in would not
  // work either. Customer pages render this notice themselves (components/customer/session-unavailable.tsx),
  // with a 200 rather than this boundary's 500; this covers any render that still throws it.
  const unavailable = isSessionUnavailable(error);
  useEffect(() => {
    if (!unavailable) console.error(error);
  }, [error, unavailable]);

  return unavailable ? (
    <ErrorPanel
      title="Temporarily unavailable"
      message="We couldn't check your sign-in just now. You are still signed in and nothing was changed: please try again in a moment."
      error={null}
      retry={retry}
    />
  ) : (
    <ErrorPanel
      title="Something went wrong"
      message="We couldn't load this page just now. It is usually temporary, so please try again."
      error={error}
      retry={retry}
    />
  );
}
