import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';

// Redis can't confirm the customer's session (down, paused, its breaker open): every signed-in page.
vi.mock('@/lib/auth/cookie-session', () => ({ lookUpSessionCookie: async () => ({ status: 'unavailable' }) }));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw new Error(`redirected to ${to}`);
  },
  notFound: () => {
    throw new Error('not found');
  },
}));

const none = Promise.resolve({});
const pages: [string, () => Promise<ReactNode>][] = [
  ['/account', async () => (await import('@/app/account/page')).default({ searchParams: none })],
  ['/account/addresses/3?from=account', async () => (await import('@/app/account/addresses/[id]/page')).default({ params: Promise.resolve({ id: '3' }), searchParams: none })],
  ['/checkout', async () => (await import('@/app/checkout/page')).default({ searchParams: none })],
  ['/checkout/addresses', async () => (await import('@/app/checkout/addresses/page')).default()],
  ['/cart/merge?next=%2Faccount', async () => (await import('@/app/cart/merge/page')).default({ searchParams: Promise.resolve({ next: '/account' }) })],
  ['/orders/AbCdEfGhIjKlMnOpQrStUv', async () => (await import('@/app/orders/[id]/page')).default({ params: Promise.resolve({ id: 'AbCdEfGhIjKlMnOpQrStUv' }), searchParams: none })],
];

describe('customer pages while Redis cannot confirm the session', () => {
  // A render thrown to the error boundary answers 500; Redis trouble must degrade, never 500.
  it.each(pages)('%s renders "temporarily unavailable" itself, with a way to try the same page again', async (path, render) => {
    const html = renderToStaticMarkup(await render());
    expect(html).toContain('data-testid="session-unavailable"');
    expect(html).toContain('Temporarily unavailable');
    expect(html).toContain(`href="${path.replace(/&/g, '&amp;')}"`);
  });
});
