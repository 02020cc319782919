import type { CacheOutcome } from '@/lib/cache/types';
import { formatClockTime, formatMs } from '@/lib/format';

function describe({ status, ms, degraded }: CacheOutcome): { text: string; dot: string; tone: string } {
  const time = formatMs(ms);
  if (degraded) {
    return {
      text: `Redis unavailable: served from Postgres · ${time}`,
      dot: 'bg-red-600',
      tone: 'border-red-200 bg-red-50 text-red-900',
    };
  }
  if (status === 'HIT') {
    return {
      text: `Served from Redis · cache HIT · ${time}`,
      dot: 'bg-emerald-600',
      tone: 'border-emerald-200 bg-emerald-50 text-emerald-900',
    };
  }
  return {
    text: `From Postgres · cache MISS · ${time}`,
    dot: 'bg-amber-500',
    tone: 'border-amber-200 bg-amber-50 text-amber-900',
  };
}

/**
 * Where this page's data came from. Small, unobtrusive, and readable by e2e tests. A shared page
 * (docs/decisions/046) is served from the page cache after it is rendered, so it says when it was
 * rendered: the lookup it describes is that render's, not the request's (x-nextjs-cache tells that).
 */
export function CacheBadge({ cache, renderedAt, className = '' }: { cache: CacheOutcome; renderedAt?: Date; className?: string }) {
  const described = describe(cache);
  const { dot, tone } = described;
  const text = renderedAt ? `${described.text} · page rendered ${formatClockTime(renderedAt)}` : described.text;
  return (
    <p
      data-testid="cache-status"
      data-cache-status={cache.status}
      data-cache-degraded={cache.degraded ? 'true' : 'false'}
      data-rendered-at={renderedAt?.toISOString()}
      title="How this page's data was looked up on the server"
      className={`inline-flex w-fit items-center gap-1.5 rounded-full border px-2.5 py-1 text-xs font-medium tabular-nums ${tone} ${className}`}
    >
      <span className={`size-1.5 shrink-0 rounded-full ${dot}`} aria-hidden="true" />
      {text}
    </p>
  );
}
