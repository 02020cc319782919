import type { ReactNode } from 'react';

import { Breadcrumbs } from '@/components/layout/breadcrumbs';

/** Title, a line of context and where you are, at the top of each console page. */
export function PageHeader({
  title,
  crumbs,
  children,
  actions,
}: {
  title: string;
  crumbs?: { label: string; href?: string }[];
  children?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="mb-8 flex flex-col gap-3">
      {crumbs ? <Breadcrumbs items={crumbs} /> : null}
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-extrabold tracking-tight text-ink sm:text-3xl">{title}</h1>
          {children ? <div className="mt-1 max-w-3xl text-sm text-muted">{children}</div> : null}
        </div>
        {actions}
      </div>
    </div>
  );
}
