/**
 * The value of cookie `name` in a request's Cookie header, read as Next's `cookies()` reads it (the last
 * of that name, percent-decoded; a value that does not decode is skipped), so a check made here judges
 * the same cookie the route then reads. Undefined when absent. For code that has only the headers.
 */
export function cookieFrom(headers: Headers, name: string): string | undefined {
  let found: string | undefined;
  for (const pair of (headers.get('cookie') ?? '').split(/; */)) {
    const separator = pair.indexOf('=');
    if (separator === -1 || pair.slice(0, separator) !== name) continue;
    try {
      found = decodeURIComponent(pair.slice(separator + 1));
    } catch {
      // Next drops it too.
    }
  }
  return found;
}
