import type { ReactNode } from 'react';

import { Skeleton } from '@/components/ui/skeleton';

/** A console page while it reads its stores: its placeholder bars pulse (not with reduced motion), and screen readers hear `label`. */
export function ConsoleLoading({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="animate-pulse motion-reduce:animate-none">
      <p className="sr-only" role="status">
        {label}
      </p>
      {children}
    </div>
  );
}

/** The page header's title and lead line as bars; `titleWidth` is the title's width class. */
export function HeaderSkeleton({ titleWidth }: { titleWidth: string }) {
  return (
    <>
      <Skeleton className={`mb-2 h-9 ${titleWidth}`} />
      <Skeleton className="mb-8 h-4 w-96 max-w-full" />
    </>
  );
}
