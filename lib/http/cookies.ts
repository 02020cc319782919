/**
 * The value of cookie `name` in a request's Cookie header (the first of that name, as Next reads
 * it); undefined when absent. For code that has only the headers, outside Next's `cookies()`.
 */
export function cookieFrom(headers: Headers, name: string): string | undefined {
  for (const pair of (headers.get('cookie') ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator !== -1 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return undefined;
}
