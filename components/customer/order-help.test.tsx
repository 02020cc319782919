import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';

import type { OrderStatus } from '@/lib/orders/status';

import { OrderHelp } from './order-help';

const now = new Date('2026-12-06T12:00:00Z');
// 12:30 UTC is 6:00 pm in India.
const eta = new Date('2026-12-06T12:30:00Z');
const render = (status: OrderStatus, etaAt: Date | null = eta, at = now) =>
  renderToStaticMarkup(createElement(OrderHelp, { status, restaurantName: 'Dosa Corner', etaAt, totalText: '₹450', now: at }));
const text = (html: string) => html.replace(/<[^>]+>/g, '');

/**
 * Customer walk: the tracking page showed the steps and nothing else: not what happens next, not
 * whether the order can still be cancelled, nor what to do when it is late.
 */
describe('help on the order page', () => {
  it('says what happens next at each step', () => {
    expect(text(render('placed'))).toContain('Dosa Corner confirms your order, then starts cooking.');
    expect(text(render('accepted'))).toContain('Dosa Corner is about to start cooking.');
    expect(text(render('preparing'))).toContain('A delivery partner picks it up as soon as it is packed.');
    expect(text(render('out_for_delivery'))).toContain('It is on its way to you.');
    // Cash on delivery: what to have ready.
    expect(text(render('out_for_delivery'))).toContain('Keep ₹450 ready in cash');
    expect(render('placed')).toMatch(/<section[^>]*aria-labelledby="order-help-heading"[^>]*><h2 id="order-help-heading"[^>]*>Help with this order<\/h2>/);
  });

  it('says the cancel rule that applies now', () => {
    expect(text(render('placed'))).toContain('Free to cancel until Dosa Corner accepts it (above).');
    for (const status of ['accepted', 'preparing', 'out_for_delivery'] as const) {
      expect(text(render(status))).toContain('Dosa Corner has accepted it, so it can no longer be cancelled: the kitchen has started on it.');
    }
  });

  it('before its time, says when it is due; past it, that it is late and that nothing is paid until it arrives', () => {
    const onTime = text(render('preparing'));
    expect(onTime).toContain('Due by 6:00 pm.');
    expect(onTime).not.toContain('Running late');
    expect(onTime).toContain('You pay only when it reaches you.');
    const late = text(render('out_for_delivery', eta, new Date(eta.getTime() + 5 * 60_000)));
    expect(late).toContain('Running late: it was due by 6:00 pm.');
    expect(late).toContain('You pay only when it reaches you');
    expect(render('preparing', eta, new Date(eta.getTime() + 5 * 60_000))).toMatch(/role="status"/);
  });

  // Review: the live region came into the page already holding "Running late", which screen readers
  // often don't announce; it is there from the start, so the change of its text is what they hear.
  it('keeps the answer in one live region before and after the due time, so turning late is announced', () => {
    expect(render('preparing')).toMatch(/<span role="status"[^>]*>Due by/);
    expect(render('preparing', eta, new Date(eta.getTime() + 5 * 60_000))).toMatch(/<span role="status"[^>]*>Running late/);
  });

  it('shows nothing once the order is delivered or cancelled', () => {
    expect(render('delivered')).toBe('');
    expect(render('cancelled')).toBe('');
  });
});

// Customer walk: the page turned "running late" only on a reload or at the next step, so a customer
// watching an order past its time was still told "Due by 6:00 pm".
describe('running late while the page is open', () => {
  it('turns once the due time has passed, by itself, and not before', async () => {
    const { scheduleLate } = await import('./order-due');
    vi.useFakeTimers({ now: now.getTime() });
    try {
      const onLate = vi.fn();
      const cancel = scheduleLate(eta.getTime(), onLate);
      vi.advanceTimersByTime(30 * 60_000);
      expect(onLate).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(onLate).toHaveBeenCalledTimes(1);
      cancel();
      // Already past: at once. Cancelled (the page moved on): never.
      const already = vi.fn();
      scheduleLate(now.getTime() - 1, already);
      expect(already).toHaveBeenCalledTimes(1);
      const cancelled = vi.fn();
      scheduleLate(Date.now() + 60_000, cancelled)();
      vi.advanceTimersByTime(120_000);
      expect(cancelled).not.toHaveBeenCalled();
      // Further off than a timer can wait (24.8 days): it waits, rather than firing at once.
      const far = vi.fn();
      scheduleLate(Date.now() + 40 * 86_400_000, far);
      vi.advanceTimersByTime(30 * 86_400_000);
      expect(far).not.toHaveBeenCalled();
      vi.advanceTimersByTime(10 * 86_400_000 + 1);
      expect(far).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("the order page's promise under its status", () => {
  it('says "Arriving by" until the due time, then that it is running late', async () => {
    const { ArrivingBy } = await import('./order-due');
    const due = createElement('time', { dateTime: eta.toISOString() }, '6:00 pm');
    expect(text(renderToStaticMarkup(createElement(ArrivingBy, { etaAt: eta.toISOString(), late: false, due })))).toBe('Arriving by 6:00 pm');
    expect(text(renderToStaticMarkup(createElement(ArrivingBy, { etaAt: eta.toISOString(), late: true, due })))).toBe('Running late · due by 6:00 pm');
  });
});
