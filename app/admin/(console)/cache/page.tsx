import type { Metadata } from 'next';
import Link from 'next/link';

import { AdminSessionUnavailable } from '@/components/admin/session-unavailable';
import { AuditTable } from '@/components/admin/audit-table';
import { CacheBrowse } from '@/components/admin/cache-browse';
import { CacheKeyTable } from '@/components/admin/cache-key-table';
import { countLabel } from '@/components/admin/cache-labels';
import { CacheTiles, type NamespaceTile } from '@/components/admin/cache-tiles';
import { PageHeader } from '@/components/admin/page-header';
import { PrivateNamespaces } from '@/components/admin/private-namespaces';
import { PurgeNamespace } from '@/components/admin/purge-namespace';
import { styles } from '@/components/admin/styles';
import { formatKeySize, formatTtl } from '@/lib/admin/format';
import { adminPagePath, requireAdmin } from '@/lib/auth/admin';
import { countKeys, isCacheNamespace, isScanCursor, scanKeys, storeInfo, type KeyCounts } from '@/lib/admin/cache-inspect';
import { CACHE_NAMESPACES } from '@/lib/cache/keys';
import { readCacheStats } from '@/lib/cache/stats';
import { getRecentPurges } from '@/lib/menus/admin-reads';

import { purgeKeyAction, purgeNamespaceAction } from './actions';

export const metadata: Metadata = { title: 'Cache' };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function AdminCachePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const admin = await requireAdmin();
  if (!admin) return <AdminSessionUnavailable retryHref={await adminPagePath()} />;
  const query = await searchParams;
  const namespace = isCacheNamespace(query.ns) ? query.ns : undefined;
  const contains = typeof query.contains === 'string' ? query.contains.trim().slice(0, 100) : '';
  const cursor = isScanCursor(query.cursor) ? query.cursor : '0';

  // Redis trouble never throws here: each read answers "unavailable" and the page says so.
  const [stats, counts, purges, page] = await Promise.all([
    readCacheStats(),
    countKeys(),
    getRecentPurges(),
    namespace ? scanKeys({ namespace, contains, cursor }) : null,
  ]);
  const { backend, keyPrefix } = storeInfo();
  const reachable = stats !== null || counts.ok;
  const counted: KeyCounts | null = counts.ok ? counts : null;

  const tiles: NamespaceTile[] = CACHE_NAMESPACES.map((name) => {
    const stat = stats?.find((row) => row.namespace === name);
    const count = counted?.cache.find((row) => row.namespace === name);
    return {
      namespace: name,
      hits: stat?.hits ?? null,
      misses: stat?.misses ?? null,
      hitRatio: stat?.hitRatio ?? null,
      entries: count?.entries ?? null,
      generations: count?.generations ?? null,
    };
  });
  const selected = namespace ? tiles.find((tile) => tile.namespace === namespace) : undefined;
  const browseHref = (next: string) => `/admin/cache?${new URLSearchParams({ ns: namespace ?? '', ...(contains ? { contains } : {}), cursor: next })}`;

  return (
    <>
      <PageHeader title="Cache">
        Redis backend <strong className="font-semibold text-ink">{backend}</strong>
        {keyPrefix ? (
          <>
            , key prefix <code className="font-mono text-xs">{keyPrefix}</code>
          </>
        ) : null}
        . Keys are listed with SCAN, a page at a time, never KEYS. Values are never shown.
      </PageHeader>

      {!reachable ? (
        <div role="alert" data-testid="redis-unreachable" className="mb-8 rounded-3xl border border-nonveg/30 bg-nonveg-soft px-5 py-4 text-nonveg">
          <p className="font-semibold">Redis is not answering right now.</p>
          <p className="mt-1 text-sm">
            Customers are still served, from Postgres, only more slowly. Keys cannot be listed, counted or purged until Redis is
            back; reload this page to try again.
          </p>
        </div>
      ) : null}

      <section aria-labelledby="namespaces-heading" className="mb-8">
        <h2 id="namespaces-heading" className={`${styles.sectionTitle} mb-1`}>
          Cache namespaces
        </h2>
        <p className="mb-4 text-sm text-muted">
          Hits and misses are shared by every instance. Stale: never served, since each entry is checked against its generation
          key, so there is no stale count to show.
        </p>
        <CacheTiles tiles={tiles} complete={counted?.complete ?? true} selected={namespace} />
        {counted && !counted.complete ? (
          <p className="mt-2 text-sm text-muted">The key count stopped at its time limit: “≥” marks numbers that may be higher.</p>
        ) : null}
      </section>

      <section aria-labelledby="keys-heading" className={`${styles.card} mb-8`}>
        <div className="mb-4 flex flex-wrap items-start justify-between gap-4">
          <h2 id="keys-heading" className={styles.sectionTitle}>
            Keys{namespace ? <span className="font-mono"> in {namespace}</span> : null}
          </h2>
          {namespace && reachable ? (
            <PurgeNamespace
              namespace={namespace}
              entries={selected?.entries === null || !selected ? 'the' : countLabel(selected.entries, counted?.complete ?? true)}
              purgeAction={purgeNamespaceAction}
            />
          ) : null}
        </div>
        <div className="mb-6">
          <CacheBrowse namespaces={CACHE_NAMESPACES} namespace={namespace} contains={contains} />
        </div>
        {!namespace ? (
          <p className="text-sm text-muted">Choose a namespace to list its keys.</p>
        ) : !page?.ok ? (
          <p role="alert" className="text-sm font-semibold text-nonveg">
            Redis did not answer, so no keys can be listed right now.
          </p>
        ) : (
          <>
            <CacheKeyTable
              rows={page.keys.map((info) => ({
                key: info.key,
                type: info.type,
                ttl: formatTtl(info.ttlMs),
                size: formatKeySize(info.type, info.size),
                role: info.role,
              }))}
              purgeAction={purgeKeyAction}
              caption={`Keys in the ${namespace} namespace`}
            />
            <nav aria-label="Key pages" className="mt-4 flex flex-wrap gap-3 text-sm">
              {cursor !== '0' ? (
                <Link prefetch={false} href={browseHref('0')} className={styles.secondaryButton}>
                  First page
                </Link>
              ) : null}
              {page.cursor !== '0' ? (
                <Link prefetch={false} href={browseHref(page.cursor)} className={styles.secondaryButton}>
                  Next page
                </Link>
              ) : (
                <p className="self-center text-muted">End of the namespace.</p>
              )}
            </nav>
          </>
        )}
      </section>

      <section aria-labelledby="private-heading" className={`${styles.card} mb-8`}>
        <h2 id="private-heading" className={`${styles.sectionTitle} mb-1`}>
          Other namespaces
        </h2>
        <p className="mb-4 text-sm text-muted">Not cache: counted only. Their keys and values are never shown and cannot be purged here.</p>
        {counted ? (
          <PrivateNamespaces rows={counted.private} unknown={counted.unknown} complete={counted.complete} />
        ) : (
          <p className="text-sm text-muted">Not available while Redis is not answering.</p>
        )}
      </section>

      <section aria-labelledby="purges-heading" className={styles.card}>
        <h2 id="purges-heading" className={`${styles.sectionTitle} mb-1`}>
          Recent purges
        </h2>
        <p className="mb-4 text-sm text-muted">Every purge is written to the audit log; the latest ten.</p>
        <AuditTable rows={purges} caption="Recent cache purges" />
      </section>
    </>
  );
}
