import { sanitizeNextPath } from '@/lib/http/next-path';

/** Where to send a customer after sign-in: a page of this site other than /login and the admin, else `/`. */
export function safeCustomerNext(value: unknown): string {
  return sanitizeNextPath(value, { home: '/', accepts: (pathname) => pathname !== '/login' && !pathname.startsWith('/admin') });
}

/**
 * The sign-in page's line under its heading, saying why it is asked for when the customer was sent
 * there: a guest who tapped "View cart" on a phone landed on a bare "Sign in" and could think the
 * cart lost (it is kept, and merged at sign-in).
 */
export function signInReason(next: string): string {
  const pathname = next.split('?')[0]!;
  if (pathname === '/checkout' || pathname.startsWith('/checkout/')) {
    return 'Sign in to see your cart and check out: your cart is kept. We text a one-time code to your mobile.';
  }
  if (pathname.startsWith('/orders/')) return 'Sign in to see your order. We text a one-time code to your mobile.';
  return 'With your mobile number: we text you a one-time code.';
}
