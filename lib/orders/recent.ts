import { isFinalStatus, type OrderStatus } from './status';

/** How long after it was placed a delivered or cancelled order is still "the order you just placed". */
export const RECENT_DELIVERED_MS = 3 * 60 * 60 * 1000;

/**
 * The order an empty cart should point to (Back from the order page lands on an empty checkout):
 * the newest one, while it is on its way or was placed within RECENT_DELIVERED_MS; otherwise none
 * (delivered and cancelled orders alike).
 */
export function orderToTrack<T extends { status: OrderStatus; createdAt: Date }>(newestFirst: readonly T[], now: Date): T | null {
  const newest = newestFirst[0];
  if (!newest) return null;
  if (!isFinalStatus(newest.status)) return newest;
  return now.getTime() - newest.createdAt.getTime() <= RECENT_DELIVERED_MS ? newest : null;
}
