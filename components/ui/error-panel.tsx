'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect } from 'react';

import { EmptyPlate } from '@/components/ui/empty-plate';
import { isNetworkFailure } from '@/lib/http/network-failure';

function digestOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'digest' in error && typeof error.digest === 'string') {
    return error.digest;
  }
  return undefined;
}

/**
 * What error boundaries show: a plain explanation, a retry button and a way home, except on home
 * itself, where "Go to all cities" would load the very page that failed (review finding). It logs the
 * error to the browser's console, so no boundary has to.
 */
export function ErrorPanel({
  title,
  message,
  error,
  retry,
}: {
  title: string;
  message: string;
  error: unknown;
  retry: () => void;
}) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = digestOf(error);
  const onHome = usePathname() === '/';
  // The browser never reached the server (a tap on a dropped connection): the page is fine, the tap
  // may not have gone through, and Try again (a refresh) shows what the server now holds.
  const unreached = isNetworkFailure(error);
  const heading = unreached ? "Couldn't reach Thali" : title;
  const text = unreached
    ? 'Your connection seems to have dropped, so what you just tapped may not have gone through. Check your connection, then try again to see this page as it is now.'
    : message;
  return (
    <div role="alert" className="mx-auto flex max-w-lg flex-col items-center gap-4 px-4 py-16 text-center">
      <EmptyPlate className="w-40" />
      <h1 className="text-2xl font-extrabold tracking-tight text-ink">{heading}</h1>
      <p className="text-muted">{text}</p>
      <div className="mt-2 flex flex-wrap justify-center gap-3">
        <button
          type="button"
          onClick={() => retry()}
          className="rounded-full bg-brand-700 px-5 py-2.5 text-sm font-semibold text-white hover:bg-brand-800"
        >
          Try again
        </button>
        {onHome ? null : (
          <Link prefetch={false}
            href="/"
            className="rounded-full border border-line bg-white px-5 py-2.5 text-sm font-semibold text-ink hover:bg-stone-50"
          >
            Go to all cities
          </Link>
        )}
      </div>
      {digest ? <p className="text-xs text-muted">Error reference: {digest}</p> : null}
    </div>
  );
}
