import Link from 'next/link';

import { formatCompactCount, plural } from '@/lib/format';

import { HeartIcon } from './heart-icon';

/** The heart for someone signed out: the count, and (given `loginHref`) a way to sign in that comes back to this page. */
export function FavouriteCount({ count, loginHref }: { count: number; loginHref?: string }) {
  return (
    <p className="inline-flex items-center gap-1.5 text-sm text-muted">
      <HeartIcon filled={false} />
      <span data-testid="favourite-count" data-count={count} className="font-semibold text-ink tabular-nums">
        <span aria-hidden="true">{formatCompactCount(count)}</span>
        <span className="sr-only">{plural(count, 'customer')} saved this restaurant</span>
      </span>
      {loginHref ? (
        <>
          <span aria-hidden="true">·</span>
          <Link prefetch={false} href={loginHref} className="font-semibold text-brand-700 underline-offset-2 hover:underline">
            Sign in to save
          </Link>
        </>
      ) : null}
    </p>
  );
}
