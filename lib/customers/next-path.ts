const BASE = 'http://thali.invalid';

/** Where to send a customer after sign-in: a path of this site (never another origin, /login or /admin), else `/`. */
export function safeCustomerNext(value: unknown): string {
  if (typeof value !== 'string' || value.length > 1_000) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(value)) return '/';
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  const { pathname } = url;
  if (pathname === '/login' || pathname.startsWith('/admin')) return '/';
  return `${pathname}${url.search}`;
}
