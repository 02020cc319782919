import Link from 'next/link';

import { countLabel, NAMESPACE_LABELS } from '@/components/admin/cache-labels';
import type { CacheNamespace } from '@/lib/cache/keys';

export interface NamespaceTile {
  namespace: CacheNamespace;
  /** Null when the shared counters could not be read. */
  hits: number | null;
  misses: number | null;
  hitRatio: number | null;
  /** Null when the keys could not be counted. */
  entries: number | null;
  generations: number | null;
}

function percent(ratio: number | null): string {
  return ratio === null ? '—' : `${(ratio * 100).toFixed(1)}%`;
}

/** One tile per cache namespace: lookups shared by every instance, and what is stored right now. */
export function CacheTiles({ tiles, complete, selected }: { tiles: NamespaceTile[]; complete: boolean; selected?: string }) {
  return (
    <ul className="grid gap-4 sm:grid-cols-3">
      {tiles.map((tile) => (
        <li
          key={tile.namespace}
          data-testid={`tile-${tile.namespace}`}
          className={`rounded-3xl border bg-white p-5 shadow-sm ${selected === tile.namespace ? 'border-brand-300 ring-2 ring-brand-100' : 'border-line'}`}
        >
          <h3 className="font-mono text-base font-bold text-ink">{tile.namespace}</h3>
          <p className="text-sm text-muted">{NAMESPACE_LABELS[tile.namespace]}</p>
          <dl className="mt-4 grid grid-cols-3 gap-3 text-sm">
            <div>
              <dt className="text-xs text-muted">Hits</dt>
              <dd className="text-lg font-bold text-ink tabular-nums">{tile.hits ?? '—'}</dd>
            </div>
            <div>
              <dt className="text-xs text-muted">Misses</dt>
              <dd className="text-lg font-bold text-ink tabular-nums">{tile.misses ?? '—'}</dd>
            </div>
            <div>
              <dt className="text-xs text-muted">Hit ratio</dt>
              <dd className="text-lg font-bold text-rating tabular-nums">{percent(tile.hitRatio)}</dd>
            </div>
            <div className="col-span-3">
              <dt className="text-xs text-muted">Stored</dt>
              <dd className="text-ink tabular-nums">
                {tile.entries === null ? (
                  '—'
                ) : (
                  <>
                    <span className="font-semibold">{countLabel(tile.entries, complete)}</span> {tile.entries === 1 ? 'entry' : 'entries'} ·{' '}
                    {countLabel(tile.generations ?? 0, complete)} generation {tile.generations === 1 ? 'key' : 'keys'}
                  </>
                )}
              </dd>
            </div>
          </dl>
          <Link prefetch={false} href={`/admin/cache?ns=${tile.namespace}`} className="mt-4 inline-block text-sm font-semibold text-brand-700 hover:underline">
            Browse keys<span className="sr-only"> in {tile.namespace}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
