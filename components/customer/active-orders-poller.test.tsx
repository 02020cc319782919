import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { HEAL_RETRY_MAX_MS } from '@/lib/orders/active-orders';

import type { OrderState } from '@/lib/orders/orders-change';

import { ActiveOrdersPoller } from './active-orders-poller';

// The poll loop itself is use-refresh-when-changed's (its own tests): here, what each answer means.
const asked = vi.hoisted(() => ({ changed: null as null | (() => Promise<boolean>) }));
vi.mock('@/components/ui/use-refresh-when-changed', () => ({
  useRefreshWhenChanged: (changed: () => Promise<boolean>) => {
    asked.changed = changed;
  },
}));

const answer = (status: number, orders: OrderState[] = []) =>
  vi.stubGlobal('fetch', async () => new Response(JSON.stringify(status === 200 ? { orders } : { error: 'x' }), { status }));

/** Whether the poller, drawn for `shown`, renders the page again on that answer. */
async function refreshes(shown: OrderState[] | null): Promise<boolean> {
  renderToStaticMarkup(createElement(ActiveOrdersPoller, { orders: shown, intervalMs: 10_000 }));
  return asked.changed!();
}

const placed: OrderState = { id: 'a'.repeat(22), status: 'placed' };

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("/account's active orders poller", () => {
  it('renders the page again when the orders differ or the session is gone, not when they are the same or the answer is a 503', async () => {
    answer(200, [{ ...placed, status: 'accepted' }]);
    expect(await refreshes([placed])).toBe(true);
    answer(200, [placed]);
    expect(await refreshes([placed])).toBe(false);
    answer(401);
    expect(await refreshes([placed])).toBe(true);
    answer(503);
    expect(await refreshes([placed])).toBe(false);
  });

  // Review: an /account rendered while its orders could not be read had no poller, and stayed so until
  // a reload. Drawn for orders it could not read, the first answer with them renders it again.
  it('renders a page that could not read its orders again once they can be read, none on its way too', async () => {
    answer(503);
    expect(await refreshes(null)).toBe(false);
    answer(200, []);
    expect(await refreshes(null)).toBe(true);
    answer(200, [placed]);
    expect(await refreshes(null)).toBe(true);
  });

  // Review: while the API answered but the page's own read still failed, /account rendered again every
  // 10 s for as long as that lasted. Each render that still shows no orders waits twice as long for the
  // next (20 s, 40 s… up to 5 minutes), asking nothing meanwhile; the same poller lives across them.
  it('backs off between renders of a page that still could not read its orders, asking nothing meanwhile', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const fetches = vi.fn(async () => new Response(JSON.stringify({ orders: [] }), { status: 200 }));
    vi.stubGlobal('fetch', fetches);
    renderToStaticMarkup(createElement(ActiveOrdersPoller, { orders: null, intervalMs: 10_000 }));
    const ask = asked.changed!;
    expect(await ask()).toBe(true);
    vi.advanceTimersByTime(10_000);
    expect(await ask()).toBe(false);
    expect(fetches).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10_000);
    expect(await ask()).toBe(true);
    vi.advanceTimersByTime(20_000);
    expect(await ask()).toBe(false);
    vi.advanceTimersByTime(20_000);
    expect(await ask()).toBe(true);
    for (let i = 0; i < 10; i += 1) {
      vi.advanceTimersByTime(HEAL_RETRY_MAX_MS);
      expect(await ask()).toBe(true);
    }
    vi.advanceTimersByTime(HEAL_RETRY_MAX_MS - 1);
    expect(await ask()).toBe(false);
  });

  it('keeps asking every time for orders it could read: no backoff on a page that shows them', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    renderToStaticMarkup(createElement(ActiveOrdersPoller, { orders: [placed], intervalMs: 10_000 }));
    const ask = asked.changed!;
    for (let i = 0; i < 3; i += 1) {
      answer(200, [{ ...placed, status: 'accepted' }]);
      expect(await ask()).toBe(true);
    }
  });
});
