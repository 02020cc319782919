import type { ReactNode } from 'react';

import { EmptyPlate } from '@/components/ui/empty-plate';

/** A centred message with an empty plate, for "nothing here" moments. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-3 rounded-3xl border border-dashed border-line bg-white px-6 py-12 text-center">
      <EmptyPlate className="w-40" />
      <h2 className="text-lg font-bold text-ink">{title}</h2>
      {children ? <div className="max-w-md text-sm text-muted">{children}</div> : null}
    </div>
  );
}
