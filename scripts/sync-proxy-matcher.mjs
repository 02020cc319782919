// Rewrites proxy.ts's matcher so it exempts exactly Next's built assets and the files now in public/
// (docs/decisions/015-every-request-through-the-proxy.md). Next reads the matcher statically, so it
// must stay one literal; tests/proxy-matcher.test.ts fails until this has run after public/ changed.
//
//   node scripts/sync-proxy-matcher.mjs      (npm run illustrations runs it too)
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** Every file under public/, as a path relative to it with forward slashes. */
export function publicFiles(dir = path.join(root, 'public'), base = '') {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = `${base}${entry.name}`;
    return entry.isDirectory() ? publicFiles(path.join(dir, entry.name), `${relative}/`) : [relative];
  });
}

const escape = (file) => file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The one matcher entry: everything but `_next/static/` and each public file, exactly. */
export function expectedMatcher(files = publicFiles()) {
  const exempt = ['_next/static/', ...[...files].sort().map((file) => `${escape(file)}$`)];
  return `/((?!${exempt.join('|')}).*)`;
}

if (process.argv[1] === import.meta.filename) {
  const proxy = path.join(root, 'proxy.ts');
  const source = fs.readFileSync(proxy, 'utf8');
  const line = /^(\s*matcher: \[)'[^']*'(\],)$/m;
  if (!line.test(source)) throw new Error('proxy.ts: no single-literal `matcher: [\'…\'],` line to rewrite');
  // JSON.stringify would double the backslashes the regex needs; the literal holds no quote.
  const updated = source.replace(line, (_, open, close) => `${open}'${expectedMatcher().replace(/\\/g, '\\\\')}'${close}`);
  fs.writeFileSync(proxy, updated);
  console.log(updated === source ? 'proxy.ts matcher already matches public/' : 'proxy.ts matcher updated from public/');
}
