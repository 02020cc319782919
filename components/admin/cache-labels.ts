import type { PrivateNamespace } from '@/lib/admin/cache-inspect';
import type { CacheNamespace } from '@/lib/cache/keys';

/** What each Redis namespace holds, in words, for the cache page (typed: a new namespace needs its label). */
export const NAMESPACE_LABELS: Record<CacheNamespace | PrivateNamespace, string> = {
  cities: 'The list of cities',
  city: 'Each city’s restaurants',
  menu: 'Each restaurant’s menu',
  search: 'Search results per city and search',
  session: 'Admin and customer sessions',
  admin: 'Admins’ session epochs (signing out every session of one admin)',
  otp: 'One-time passwords',
  sms: 'Text-message send counters',
  outbox: 'The demo text-message outbox, and how far the invalidation outbox is applied',
  cart: 'Customers’ carts',
  rl: 'Rate limits',
  queue: 'Job queues',
  views: 'Restaurant view counters',
  trending: 'Trending restaurants per city',
  stats: 'Cache hit and miss counts',
  fav: 'Customers’ favourites (cached lists)',
  page: 'Shared pages rendered once for every visitor (HTML and payload)',
};

/** "12", or "≥ 12" when the count stopped at its bound before seeing every key. */
export function countLabel(count: number, complete: boolean): string {
  return complete ? String(count) : `≥ ${count}`;
}
