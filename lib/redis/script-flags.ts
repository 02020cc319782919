import 'server-only';

/**
 * Since 2.1 every @upstash/ratelimit script starts with `#!lua flags=allow-key-locking`, which Upstash
 * accepts and Redis 7 rejects ("Unexpected flag in script shebang"); see docs/decisions/007. Returns
 * the script without that flag, or null when there is nothing to change. A blank line replaces a
 * dropped shebang so Lua error line numbers still match the original.
 */
export function stripKeyLocking(script: string): string | null {
  const newline = script.indexOf('\n');
  const first = newline === -1 ? script : script.slice(0, newline);
  const rest = newline === -1 ? '' : script.slice(newline);
  const shebang = /^#!lua(?:[ \t]+flags=(\S*))?[ \t]*\r?$/.exec(first);
  if (!shebang) return null;
  const flags = (shebang[1] ?? '').split(',').filter(Boolean);
  const kept = flags.filter((flag) => flag !== 'allow-key-locking');
  if (kept.length === flags.length) return null;
  return kept.length === 0 ? rest : `#!lua flags=${kept.join(',')}${rest}`;
}
