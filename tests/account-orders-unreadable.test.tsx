import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';

// A signed-in customer whose orders can't be read just now (Postgres slow or out for a moment on that
// read); the page's other reads answer.
vi.mock('@/lib/customers/session', () => ({ requireCustomer: async () => ({ customerId: 7, phone: '+919876543210' }) }));
vi.mock('@/lib/orders/queries', () => ({
  listOwnOrders: async () => {
    throw new Error('Postgres did not answer');
  },
}));
vi.mock('@/lib/favourites/postgres', () => ({ listOwnFavourites: async () => [] }));
vi.mock('@/lib/addresses/addresses', () => ({ listAddresses: async () => [] }));
vi.mock('@/lib/cart/cart', () => ({ itemsInCart: async () => 0 }));
vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: () => {} }), usePathname: () => '/account' }));

describe('/account while its orders cannot be read', () => {
  // Review: the page threw (the error boundary's "Something went wrong") or, once it rendered, had no
  // poller to bring the orders back: it stayed so until a reload.
  it('renders the rest of the page and says the orders will appear by themselves', async () => {
    const page = (await import('@/app/account/page')).default;
    const html = renderToStaticMarkup(await page({ searchParams: Promise.resolve({}) }));
    expect(html).toContain('data-testid="account-orders-unavailable"');
    expect(html).toContain('Saved addresses');
    expect(html).not.toContain('No orders yet.');
  });
});
