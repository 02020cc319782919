/** What each Redis namespace holds, in words, for the cache page. */
export const NAMESPACE_LABELS: Record<string, string> = {
  cities: 'The list of cities',
  city: 'Each city’s restaurants',
  menu: 'Each restaurant’s menu',
  session: 'Admin sessions',
  otp: 'One-time passwords',
  rl: 'Rate limits',
  queue: 'Job queues',
  views: 'Restaurant view counters',
  trending: 'Trending restaurants per city',
  stats: 'Cache hit and miss counts',
};

/** "12", or "≥ 12" when the count stopped at its bound before seeing every key. */
export function countLabel(count: number, complete: boolean): string {
  return complete ? String(count) : `≥ ${count}`;
}
