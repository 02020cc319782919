import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';

import type { OrderStatus } from '@/lib/orders/status';

import { AccountOrders, type AccountOrder } from './account-orders';

// The active orders' poller asks for the router (it renders nothing on the server).
vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: () => {} }) }));

// What the list asks its pollers to poll: the per-order one (the order page's) and the one for all.
const polled = vi.hoisted(() => ({ perOrder: [] as string[], all: [] as { orders: { id: string; status: string }[]; intervalMs: number }[] }));
vi.mock('./order-status-poller', () => ({
  OrderStatusPoller: ({ orderId }: { orderId: string }) => {
    polled.perOrder.push(orderId);
    return null;
  },
}));
vi.mock('./active-orders-poller', () => ({
  ActiveOrdersPoller: (props: { orders: { id: string; status: string }[]; intervalMs: number }) => {
    polled.all.push(props);
    return null;
  },
}));

const order = (
  id: string,
  status: OrderStatus,
  restaurantName: string,
  cancelReason: string | null = null,
  etaAt: Date | null = null,
): AccountOrder => ({
  id: id.padEnd(22, 'x'),
  status,
  totalPaise: 45_000,
  createdAt: new Date('2026-12-06T10:00:00Z'),
  restaurantName,
  itemCount: 2,
  cancelReason,
  etaAt,
});

const render = (orders: AccountOrder[] | null) =>
  renderToStaticMarkup(createElement(AccountOrders, { orders, itemsInCart: 0, reorder: () => async () => {} }));

describe("/account's orders", () => {
  it('lists orders on their way first, under "Active orders", with their status and a Track link', () => {
    const html = render([order('delivered1', 'delivered', 'Old Place'), order('onitsway1', 'out_for_delivery', 'Dosa Corner'), order('placed1', 'placed', 'Biryani House')]);
    const active = html.indexOf('Active orders');
    const past = html.indexOf('Past orders');
    expect(active).toBeGreaterThanOrEqual(0);
    expect(past).toBeGreaterThan(active);
    const activePart = html.slice(active, past);
    expect(activePart).toContain('Dosa Corner');
    expect(activePart).toContain('Out for delivery');
    expect(activePart).toContain('Biryani House');
    expect(activePart).not.toContain('Old Place');
    expect(activePart).toMatch(/<a[^>]*href="\/orders\/onitsway1x+"[^>]*>Track<span class="sr-only"> your order from Dosa Corner<\/span><\/a>/);
    expect(activePart).not.toContain('Reorder');
    expect(html.slice(past)).toContain('Old Place');
    expect(html.slice(past)).toContain('Reorder');
  });

  // Review: a poller per active order, each asking every 10 s and nudging the queue, was 6×N requests a
  // minute for a customer with N orders on their way. One poll now covers all of them.
  it('polls all the active orders in one poller, every 10 s', () => {
    polled.perOrder.length = 0;
    polled.all.length = 0;
    render([order('delivered1', 'delivered', 'Old Place'), order('onitsway1', 'out_for_delivery', 'Dosa Corner'), order('placed1', 'placed', 'Biryani House')]);
    expect(polled.perOrder).toEqual([]);
    expect(polled.all).toEqual([
      {
        orders: [
          { id: 'onitsway1'.padEnd(22, 'x'), status: 'out_for_delivery' },
          { id: 'placed1'.padEnd(22, 'x'), status: 'placed' },
        ],
        intervalMs: 10_000,
      },
    ]);
  });

  // Customer walk: with no order on its way /account polled nothing, so an order placed in another tab
  // showed only on the next visit. It asks when the visitor comes back to the tab, and never on a timer.
  it('with no order on its way, asks for new ones only when the visitor comes back, past orders or none', () => {
    polled.all.length = 0;
    render([order('delivered1', 'delivered', 'Old Place')]);
    expect(polled.all).toEqual([{ orders: [], intervalMs: null }]);
    polled.all.length = 0;
    render([]);
    expect(polled.all).toEqual([{ orders: [], intervalMs: null }]);
  });

  // Review: the poller was mounted only while the page showed active orders, so an /account rendered
  // while its orders could not be read stayed so until a reload. It says so, and polls until they can be.
  it('says the orders can’t be shown just now when they could not be read, and polls until they can', () => {
    polled.all.length = 0;
    const html = render(null);
    expect(html).toContain('data-testid="account-orders-unavailable"');
    expect(html).toContain('Your orders can’t be shown just now.');
    expect(html).not.toContain('No orders yet.');
    expect(html).not.toContain('Past orders');
    expect(polled.all).toEqual([{ orders: null, intervalMs: 10_000 }]);
  });

  it('has no "Active orders" when every order is delivered or cancelled, and says so when there are none', () => {
    expect(render([order('delivered1', 'delivered', 'Old Place')])).not.toContain('Active orders');
    const none = render([]);
    expect(none).not.toContain('Active orders');
    expect(none).toContain('No orders yet.');
  });

  it('shows no empty "Past orders" under active ones', () => {
    const html = render([order('placed1', 'placed', 'Biryani House')]);
    expect(html).toContain('Active orders');
    expect(html).not.toContain('Past orders');
  });

  // Product review: an active order's card said what and when, not what it will cost at the door
  // (cash on delivery), which the past orders' rows did say.
  it('shows an active order’s total, as the past orders do', () => {
    const html = render([order('placed1', 'placed', 'Biryani House')]);
    expect(html).not.toContain('Past orders');
    expect(html.slice(html.indexOf('Active orders'))).toMatch(/2 items · (<!-- -->)?<time [^>]*>[^<]*<\/time> · <data value="450.00"[^>]*>₹450<\/data>/);
  });

  // Customer walk: a past order said the day it was placed, not the time, so two orders of one day
  // (lunch and dinner) could not be told apart.
  it('says when each order was placed, day and time in India, active and past alike', () => {
    const html = render([order('delivered1', 'delivered', 'Old Place'), order('placed1', 'placed', 'Biryani House')]);
    const placedAt = /<time dateTime="2026-12-06T10:00:00.000Z">6 Dec 2026, 3:30 pm<\/time>/g;
    expect(html.match(placedAt)).toHaveLength(2);
  });

  // Customer walk: a past order was a link that looked like plain text, named by everything in the row.
  it('makes each past order an obvious link: named "View your order from …", link-coloured, a chevron, hover and focus states', () => {
    const html = render([order('delivered1', 'delivered', 'Old Place')]);
    const link = /<a[^>]*data-testid="account-order-link"[^>]*>([\s\S]*?)<\/a>/.exec(html);
    expect(link).not.toBeNull();
    const [whole, inner] = link!;
    expect(whole).toMatch(/href="\/orders\/delivered1x+"/);
    expect(inner).toMatch(/^<span[^>]*><span class="[^"]*text-brand-700[^"]*"><span class="sr-only">View your order from <\/span>Old Place<\/span>/);
    expect(inner).toMatch(/<svg[^>]*aria-hidden="true"/);
    expect(whole).toMatch(/class="[^"]*hover:bg-brand-50[^"]*focus-visible:bg-brand-50/);
  });

  // Phone review: at 390 px, beside the total and Reorder, a past order's restaurant was cut short
  // ("Tehzeeb Dum Bi…"). Its name wraps now, a long single word too, and is never clipped.
  it("lets a past order's restaurant name wrap rather than cut it short", () => {
    const html = render([order('delivered1', 'delivered', 'Tehzeeb Dum Biryani House')]);
    const name = /<span class="([^"]*)"><span class="sr-only">View your order from <\/span>Tehzeeb Dum Biryani House<\/span>/.exec(html);
    expect(name).not.toBeNull();
    const classes = name![1]!.split(' ');
    expect(classes).toContain('wrap-break-word');
    expect(classes.some((c) => /^(truncate|overflow-hidden|whitespace-nowrap|text-ellipsis|line-clamp-\d+)$/.test(c))).toBe(false);
  });

  // Customer walk: a past order said only "Cancelled", so a customer whose order the restaurant
  // cancelled (decision 068) could not tell it from one they cancelled themselves, nor see why.
  it('says who cancelled a past order, and the restaurant’s reason when it did', () => {
    const html = render([order('mine1', 'cancelled', 'Old Place'), order('theirs1', 'cancelled', 'Dosa Corner', 'Paneer ran out')]);
    const who = [...html.matchAll(/<span data-testid="account-order-cancelled"[^>]*>([\s\S]*?)<\/span>/g)].map((m) => m[1]);
    expect(who).toEqual(['You cancelled it.', 'Dosa Corner cancelled it: <q data-testid="account-order-cancel-reason">Paneer ran out</q>']);
    expect(html.match(/data-status="cancelled"[^>]*>Cancelled</g)).toHaveLength(2);
  });

  it('says nothing of a cancel on a delivered order', () => {
    const html = render([order('delivered1', 'delivered', 'Old Place')]);
    expect(html).toMatch(/data-status="delivered"[^>]*>Delivered</);
    expect(html).not.toContain('account-order-cancelled');
  });

  it('says when an active order is due, as its page does, and running late once that has passed', () => {
    const soon = new Date(Date.now() + 30 * 60_000);
    const html = render([
      order('placed1', 'placed', 'Biryani House', null, soon),
      order('late1', 'out_for_delivery', 'Dosa Corner', null, new Date(Date.now() - 5 * 60_000)),
      order('old1', 'preparing', 'Old Kept Order'),
    ]);
    const etas = [...html.matchAll(/data-testid="account-order-eta"[^>]*>(.*?)<\/span>/g)].map((match) => match[1]!.replace(/<[^>]+>/g, ''));
    expect(etas).toHaveLength(2);
    expect(etas[0]).toMatch(/^Arriving by \d{1,2}:\d{2} [ap]m$/);
    expect(html).toContain(`dateTime="${soon.toISOString()}"`);
    expect(etas[1]).toMatch(/^Running late · due by \d{1,2}:\d{2} [ap]m$/);
  });
});
