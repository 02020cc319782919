import { sanitizeNextPath } from '@/lib/http/next-path';

/** Where to send a customer after sign-in: a page of this site other than /login and the admin, else `/`. */
export function safeCustomerNext(value: unknown): string {
  return sanitizeNextPath(value, { home: '/', accepts: (pathname) => pathname !== '/login' && !pathname.startsWith('/admin') });
}
