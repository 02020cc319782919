import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';

// Redis can't confirm the session (down, paused, its breaker open): every signed-in page, customer's and admin's.
vi.mock('@/lib/auth/cookie-session', () => ({ lookUpSessionCookie: async () => ({ status: 'unavailable' }) }));
// The admin page asked for, as proxy.ts names it: where an admin's "Try again" leads.
const asked = { path: '/admin' };
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-thali-admin-path': asked.path }) }));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw new Error(`redirected to ${to}`);
  },
  notFound: () => {
    throw new Error('not found');
  },
}));

const none = Promise.resolve({});
const customerPages: [string, () => Promise<ReactNode>][] = [
  ['/account', async () => (await import('@/app/account/page')).default({ searchParams: none })],
  ['/account/addresses/3?from=account', async () => (await import('@/app/account/addresses/[id]/page')).default({ params: Promise.resolve({ id: '3' }), searchParams: none })],
  ['/checkout', async () => (await import('@/app/checkout/page')).default({ searchParams: none })],
  ['/checkout/addresses', async () => (await import('@/app/checkout/addresses/page')).default()],
  ['/cart/merge?next=%2Faccount', async () => (await import('@/app/cart/merge/page')).default({ searchParams: Promise.resolve({ next: '/account' }) })],
  ['/orders/AbCdEfGhIjKlMnOpQrStUv', async () => (await import('@/app/orders/[id]/page')).default({ params: Promise.resolve({ id: 'AbCdEfGhIjKlMnOpQrStUv' }), searchParams: none })],
];

const restaurant = Promise.resolve({ slug: 'bombay-canteen' });
const item = Promise.resolve({ slug: 'bombay-canteen', id: '7' });
const child = <p>page</p>;
const adminPages: [string, () => Promise<ReactNode>][] = [
  ['/admin', async () => (await import('@/app/admin/(console)/(dashboard)/page')).default()],
  ['/admin/team', async () => (await import('@/app/admin/(console)/team/page')).default()],
  ['/admin/cache?ns=menu', async () => (await import('@/app/admin/(console)/cache/page')).default({ searchParams: none })],
  ['/admin/queue', async () => (await import('@/app/admin/(console)/queue/page')).default({ searchParams: none })],
  ['/admin/restaurants?city=mumbai', async () => (await import('@/app/admin/(console)/restaurants/(list)/page')).default({ searchParams: none })],
  ['/admin/restaurants/bombay-canteen', async () => (await import('@/app/admin/(console)/restaurants/[slug]/layout')).default({ children: child, params: restaurant })],
  ['/admin/restaurants/bombay-canteen?tab=menu', async () => (await import('@/app/admin/(console)/restaurants/[slug]/(overview)/page')).default({ params: restaurant })],
  ['/admin/restaurants/bombay-canteen/items/7', async () => (await import('@/app/admin/(console)/restaurants/[slug]/items/[id]/layout')).default({ children: child, params: item })],
  ['/admin/restaurants/bombay-canteen/items/7?from=list', async () => (await import('@/app/admin/(console)/restaurants/[slug]/items/[id]/page')).default({ params: item })],
];

// A render thrown to an error boundary answers 500; Redis trouble must degrade, never 500 (decision 055).
describe.each([
  ['customer pages', customerPages],
  ['admin pages', adminPages],
])('%s while Redis cannot confirm the session', (_kind, pages) => {
  it.each(pages)('%s renders "temporarily unavailable" itself, with a way to try the same page again', async (path, render) => {
    asked.path = path;
    const html = renderToStaticMarkup(await render());
    expect(html).toContain('data-testid="session-unavailable"');
    expect(html).toContain('Temporarily unavailable');
    expect(html).toContain(`href="${path.replace(/&/g, '&amp;')}"`);
    expect(html).not.toContain('page</p>');
  });
});
