import type { Metadata } from 'next';
import { describe, expect, it, vi } from 'vitest';

import * as page from './page';

// Signed in as customer 7, who owns one order.
const OWN = 'AbCdEfGhIjKlMnOpQrStUv';
vi.mock('@/lib/customers/session', () => ({
  getCustomer: async () => ({ customerId: 7, phone: '+919800000000' }),
  requireCustomer: async () => ({ customerId: 7, phone: '+919800000000' }),
}));
vi.mock('@/lib/orders/queries', () => ({
  loadOwnOrder: async (customerId: number, id: string) => (customerId === 7 && id === OWN ? { id } : null),
}));

async function titleOf(id: string): Promise<Metadata['title']> {
  const props = { params: Promise.resolve({ id }) };
  const { generateMetadata, metadata } = page as { generateMetadata?: (p: typeof props) => Promise<Metadata>; metadata?: Metadata };
  return (generateMetadata ? await generateMetadata(props) : metadata)?.title;
}

describe("an order page's title", () => {
  it('is "Page not found" for an id that is not one of the customer\'s orders, as for a missing city or menu', async () => {
    expect(await titleOf('NoSuchOrderNoSuchOrder')).toBe('Page not found');
    expect(await titleOf('not an id')).toBe('Page not found');
  });

  it('is "Your order" for their own order', async () => {
    expect(await titleOf(OWN)).toBe('Your order');
  });
});
