/**
 * The plain spelling of a path whose letters, digits, '-', '_' or '~' are percent-escaped (`/%61dmin`,
 * `/%64elhi`), or null when nothing needs it. Such a path names the same resource (RFC 3986, 6.2.2.2)
 * and Next routes it there, but every check in the proxy reads the path as written: the proxy sends it
 * to its plain spelling first (docs/decisions/079-escaped-paths-redirect-to-their-plain-spelling.md).
 * '.' stays escaped (`%2E%2E` is a dot-segment), as does anything that is not unreserved.
 */
export function plainPathOf(pathname: string): string | null {
  if (!pathname.includes('%')) return null;
  const plain = pathname.replace(/%([0-9A-Fa-f]{2})/g, (escape, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16));
    return UNRESERVED_BUT_DOT.test(char) ? char : escape;
  });
  return plain === pathname ? null : plain;
}

const UNRESERVED_BUT_DOT = /^[A-Za-z0-9_~-]$/;
