import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import type { AuditRow } from '@/lib/menus/admin-queries';

import { AuditTable } from './audit-table';

const LISTED = 'Mrf0gQGeltIkQOxEiink9A';
const OLDER = 'Xyz0gQGeltIkQOxEiink9A';
const entry = (id: number, target: string, action = 'order.step'): AuditRow => ({
  id,
  createdAt: new Date('2026-12-07T06:58:00Z'),
  action,
  target,
  changes: { status: 'accepted' },
  invalidatedKeys: [],
  invalidatedAt: {},
  adminEmail: 'admin@example.com',
});
const whatChanged = (html: string) => [...html.matchAll(/<p class="font-medium text-ink">([\s\S]*?)<\/p>/g)].map((match) => match[1]);

// Admin walk: an order's step or cancel in the audit log read "order:Mrf0gQGeltIkQOxEiink9A", an id no
// admin knows, with no way to the order it names.
describe("the admin audit log's targets", () => {
  it('names an order as its short number, linked to its row when the page lists it', () => {
    const html = renderToStaticMarkup(
      createElement(AuditTable, {
        rows: [entry(1, `order:${LISTED}`), entry(2, `order:${OLDER}`, 'order.cancel')],
        targetHrefs: new Map([[`order:${LISTED}`, `#order-${LISTED}`]]),
        caption: 'Changes',
      }),
    );
    expect(whatChanged(html)).toEqual([`<a href="#order-${LISTED}" class="font-semibold text-brand-700 underline-offset-4 hover:underline">Order #Mrf0gQGe</a>`, 'Order #Xyz0gQGe']);
    expect(html).not.toContain(`order:${LISTED}`);
  });

  it('keeps the names it is given, and a target it cannot read as it is', () => {
    const html = renderToStaticMarkup(
      createElement(AuditTable, {
        rows: [entry(1, 'menu_item:12', 'item.update'), entry(2, 'order:not-an-order-id'), entry(3, 'cache:menu')],
        targetNames: new Map([['menu_item:12', 'Paneer Tikka']]),
        caption: 'Changes',
      }),
    );
    expect(whatChanged(html)).toEqual(['Paneer Tikka', 'order:not-an-order-id', 'cache:menu']);
  });
});
