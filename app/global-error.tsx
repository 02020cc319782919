'use client';

import { GeistSans } from 'geist/font/sans';
import { useEffect } from 'react';

import './globals.css';

/** Replaces the root layout when it fails, so it brings its own document, styles and font. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <html lang="en" className={GeistSans.variable}>
      <body className="grid min-h-dvh place-items-center bg-canvas px-4 font-sans text-ink">
        <title>Something went wrong · Thali</title>
        <main role="alert" className="flex max-w-md flex-col items-center gap-4 text-center">
          <p className="text-2xl font-extrabold tracking-tight text-brand-700">Thali</p>
          <h1 className="text-2xl font-extrabold tracking-tight">Something went wrong</h1>
          <p className="text-muted">
            The site hit an unexpected error and couldn&apos;t load. It is usually temporary, so please try again.
          </p>
          <button
            type="button"
            onClick={() => retry()}
            className="rounded-full bg-brand-700 px-5 py-2.5 text-sm font-semibold text-white hover:bg-brand-800"
          >
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
