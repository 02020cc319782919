const BASE = 'http://thali.invalid';

/**
 * The one sanitizer of a post-sign-in path: a path of this site (never another origin: `//evil`,
 * `/\evil` and `https:…` all resolve elsewhere), with its query and without its fragment, that
 * `accepts` allows; anything else becomes `home`. Admins and customers pass their own `accepts`.
 */
export function sanitizeNextPath(value: unknown, options: { home: string; accepts: (pathname: string) => boolean }): string {
  const { home, accepts } = options;
  if (typeof value !== 'string' || value.length > 1_000) return home;
  // Browsers read a backslash as a slash and drop tabs and newlines, so `/\evil` means `//evil`.
  if (!value.startsWith('/') || value.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(value)) return home;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return home;
  }
  // Dot segments resolve away: `/..//evil` and `/.%2e//evil` become `//evil`, another origin again.
  if (url.origin !== BASE || url.pathname.startsWith('//') || !accepts(url.pathname)) return home;
  return `${url.pathname}${url.search}`;
}
