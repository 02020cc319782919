import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import type { RestaurantOrderRow } from '@/lib/orders/restaurant-orders';

import { RestaurantOrders } from './restaurant-orders';

const row = (id: string, status: RestaurantOrderRow['status'], overrides: Partial<RestaurantOrderRow> = {}): RestaurantOrderRow => ({
  id,
  status,
  totalPaise: 87_265,
  // 6:58 UTC is 12:28 pm in India.
  createdAt: new Date('2026-12-07T06:58:00Z'),
  etaAt: new Date('2026-12-07T07:32:00Z'),
  dishes: [{ name: 'Paneer Tikka', quantity: 2 }],
  deliveryAddress: 'Home: 12, 4th Cross, Bengaluru 560038',
  deliveryInstructions: null,
  cancelReason: null,
  ...overrides,
});
const stepAction = async () => ({ status: 'idle' }) as const;
const cancelAction = stepAction;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe("a restaurant's orders in the admin console", () => {
  it('shows each order: its number, when, dishes, total, status (due time while on its way) and address', () => {
    const html = renderToStaticMarkup(
      createElement(RestaurantOrders, {
        orders: [row('Mrf0gQGeltIkQOxEiink9A', 'preparing'), row('Xyz0gQGeltIkQOxEiink9A', 'delivered')],
        onTheirWay: 1,
        restaurantName: 'Tehzeeb',
        stepAction,
        cancelAction,
      }),
    );
    expect(html).toContain('<caption class="sr-only">Orders from Tehzeeb</caption>');
    expect(text(html)).toContain('1 on its way now.');
    expect(text(html)).toContain('#Mrf0gQGe');
    expect(text(html)).toContain('7 Dec 2026, 12:28 pm');
    expect(text(html)).toContain('₹872.65');
    expect(text(html)).toContain('Preparing due by 1:02 pm');
    expect(text(html)).toContain('Home: 12, 4th Cross, Bengaluru 560038');
    // Delivered: no due time.
    expect(text(html)).not.toMatch(/Delivered due by/);
    expect(html).not.toMatch(/98765|\+91/);
  });

  it('counts every order on its way, not only those listed (older ones still cooking)', () => {
    const html = renderToStaticMarkup(createElement(RestaurantOrders, { orders: [row('Xyz0gQGeltIkQOxEiink9A', 'delivered')], onTheirWay: 3, restaurantName: 'Tehzeeb', stepAction, cancelAction }));
    expect(text(html)).toContain('3 on their way now.');
  });

  it('says when there are none', () => {
    expect(renderToStaticMarkup(createElement(RestaurantOrders, { orders: [], onTheirWay: 0, restaurantName: 'Tehzeeb', stepAction, cancelAction }))).toContain('No orders yet.');
  });

  it('has a button to move each order on its way to its next step, naming the order, and none for one that is done', () => {
    const html = renderToStaticMarkup(
      createElement(RestaurantOrders, {
        orders: [
          row('Aaa0gQGeltIkQOxEiink9A', 'placed'),
          row('Bbb0gQGeltIkQOxEiink9A', 'accepted'),
          row('Ccc0gQGeltIkQOxEiink9A', 'preparing'),
          row('Ddd0gQGeltIkQOxEiink9A', 'out_for_delivery'),
          row('Eee0gQGeltIkQOxEiink9A', 'delivered'),
          row('Fff0gQGeltIkQOxEiink9A', 'cancelled'),
        ],
        onTheirWay: 4,
        restaurantName: 'Tehzeeb',
        stepAction,
        cancelAction,
      }),
    );
    const buttons = [...html.matchAll(/<button[^>]*aria-label="([^"]+)"[^>]*>([^<]+)<\/button>/g)].map((match) => [match[1], match[2]]);
    expect(buttons).toEqual([
      ['Accept: order #Aaa0gQGe', 'Accept'],
      ['Cancel order #Aaa0gQGe', 'Cancel order'],
      ['Mark preparing: order #Bbb0gQGe', 'Mark preparing'],
      ['Cancel order #Bbb0gQGe', 'Cancel order'],
      ['Mark out for delivery: order #Ccc0gQGe', 'Mark out for delivery'],
      ['Mark delivered: order #Ddd0gQGe', 'Mark delivered'],
    ]);
    // Each form names the step it was drawn for, so a stale page can't skip one.
    expect(html).toContain('name="to" value="accepted"');
    expect(html).toContain('name="to" value="delivered"');
    expect(html).not.toContain('value="placed"');
  });

  it('puts the status and its button right after the order number, on a wide screen', () => {
    const html = renderToStaticMarkup(createElement(RestaurantOrders, { orders: [row('Aaa0gQGeltIkQOxEiink9A', 'placed')], onTheirWay: 1, restaurantName: 'Tehzeeb', stepAction, cancelAction }));
    const headers = [...html.matchAll(/<th[^>]*>([^<]+)<\/th>/g)].map((match) => match[1]);
    expect(headers.slice(0, 3)).toEqual(['Order', 'Status', 'Next step']);
    const cells = [...html.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((match) => text(match[1]!).trim());
    expect(cells[1]).toMatch(/^Placed/);
    expect(cells[2]).toMatch(/^Accept/);
  });

  it('offers a cancel with a reason only while placed or accepted, and shows the restaurant’s reason on an order it cancelled', () => {
    const html = renderToStaticMarkup(
      createElement(RestaurantOrders, {
        orders: [
          row('Aaa0gQGeltIkQOxEiink9A', 'accepted'),
          row('Ccc0gQGeltIkQOxEiink9A', 'preparing'),
          row('Fff0gQGeltIkQOxEiink9A', 'cancelled', { cancelReason: 'Paneer ran out' }),
          row('Ggg0gQGeltIkQOxEiink9A', 'cancelled'),
        ],
        onTheirWay: 2,
        restaurantName: 'Tehzeeb',
        stepAction,
        cancelAction,
      }),
    );
    expect([...html.matchAll(/aria-label="Cancel order (#\w+)"/g)].map((match) => match[1])).toEqual(['#Aaa0gQGe']);
    const reasonField = html.match(/<input id="cancel-reason-[^>]*>/)?.[0] ?? '';
    for (const attribute of ['name="reason"', 'required=""', 'minLength="3"', 'maxLength="120"']) expect(reasonField).toContain(attribute);
    expect(html).toContain('<option value="An item in your order ran out">');
    expect(html.match(/data-testid="restaurant-order-cancel-reason"/g)).toHaveLength(1);
    expect(text(html)).toContain('Cancelled by you: Paneer ran out');
  });

  // The audit log's "Order #…" links to the order's row on the same page.
  it('gives each order row an id the audit log links to', () => {
    const html = renderToStaticMarkup(
      createElement(RestaurantOrders, { orders: [row('Mrf0gQGeltIkQOxEiink9A', 'accepted')], onTheirWay: 1, restaurantName: 'Tehzeeb', stepAction, cancelAction }),
    );
    expect(html).toMatch(/<tr id="order-Mrf0gQGeltIkQOxEiink9A" data-testid="restaurant-order"/);
  });

  // Admin walk: the Dishes column said "3" and nothing else: the kitchen could not see what to cook, nor
  // the rider the customer's "ring the bell twice"; and a customer's own cancel read as a bare "Cancelled".
  it('lists what each order holds, the customer’s delivery instructions, and who cancelled it', () => {
    const html = renderToStaticMarkup(
      createElement(RestaurantOrders, {
        orders: [
          row('Aaa0gQGeltIkQOxEiink9A', 'placed', {
            dishes: [
              { name: 'Paneer Tikka', quantity: 2 },
              { name: 'Butter Naan', quantity: 1 },
            ],
            deliveryInstructions: 'Ring the bell twice',
          }),
          row('Ggg0gQGeltIkQOxEiink9A', 'cancelled'),
        ],
        onTheirWay: 1,
        restaurantName: 'Tehzeeb',
        stepAction,
        cancelAction,
      }),
    );
    const dishes = [...html.matchAll(/<ul data-testid="restaurant-order-dishes"[^>]*>([\s\S]*?)<\/ul>/g)].map((match) => text(match[1]!).trim());
    expect(dishes[0]).toBe('2 × Paneer Tikka 1 × Butter Naan');
    expect(html).toMatch(/data-testid="restaurant-order-instructions"[^>]*>[\s\S]*Ring the bell twice/);
    expect(html.match(/restaurant-order-instructions/g)).toHaveLength(1);
    expect(text(html)).toContain('Cancelled by the customer');
  });
});

describe('the orders table as a screen reader gets it, at either width', () => {
  // Review: below md the table, its rows and cells are display block/flex (the cards), and Safari (and
  // Chromium for some displays) then drop the table's roles: a reader got loose text, no table, no
  // column names. Explicit roles keep it a table whatever its CSS.
  const html = renderToStaticMarkup(
    createElement(RestaurantOrders, { orders: [row('Mrf0gQGeltIkQOxEiink9A', 'preparing')], onTheirWay: 1, restaurantName: 'Tehzeeb', stepAction, cancelAction }),
  );
  const tags = (name: string) => html.match(new RegExp(`<${name}[\\s>][^>]*>?`, 'g')) ?? [];

  it('gives the table, its row groups, rows, headers and cells their roles explicitly', () => {
    expect(tags('table')).toHaveLength(1);
    expect(tags('table')[0]).toContain('role="table"');
    for (const group of [...tags('thead'), ...tags('tbody')]) expect(group).toContain('role="rowgroup"');
    expect(tags('tr')).toHaveLength(2);
    for (const tr of tags('tr')) expect(tr).toContain('role="row"');
    expect(tags('th')).toHaveLength(7);
    for (const th of tags('th')) expect(th).toContain('role="columnheader"');
    expect(tags('td')).toHaveLength(7);
    for (const td of tags('td')) expect(td).toContain('role="cell"');
  });

  it('names the table as its caption does, which a block-displayed table may not do by itself', () => {
    expect(tags('table')[0]).toContain('aria-label="Orders from Tehzeeb"');
  });
});
