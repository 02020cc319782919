import { describe, expect, it } from 'vitest';

import { orderToTrack, RECENT_DELIVERED_MS } from './recent';

const now = new Date('2026-12-06T12:00:00Z');
const order = (status: 'placed' | 'preparing' | 'delivered' | 'cancelled', agoMs: number) => ({ id: `${status}-${agoMs}`, status, createdAt: new Date(now.getTime() - agoMs) });

describe('the order an empty cart points to', () => {
  it('is the newest one while it is on its way, however old', () => {
    expect(orderToTrack([order('preparing', 5 * 60_000), order('delivered', 60_000_000)], now)?.id).toBe('preparing-300000');
    expect(orderToTrack([order('placed', 2 * RECENT_DELIVERED_MS)], now)?.status).toBe('placed');
  });

  it('is a delivered one only while it is recent, and none without orders', () => {
    expect(orderToTrack([order('delivered', 30 * 60_000)], now)?.status).toBe('delivered');
    expect(orderToTrack([order('delivered', RECENT_DELIVERED_MS + 1)], now)).toBeNull();
    expect(orderToTrack([], now)).toBeNull();
  });

  it('is a cancelled one only while it is recent, as a delivered one', () => {
    expect(orderToTrack([order('cancelled', 30 * 60_000)], now)?.status).toBe('cancelled');
    expect(orderToTrack([order('cancelled', RECENT_DELIVERED_MS + 1)], now)).toBeNull();
  });
});
