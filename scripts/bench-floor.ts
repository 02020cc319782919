// The floors of `npm run bench`: a bare Next app at the same versions (this project's node_modules)
// serving Thali's own captured output: the menu JSON and a visitor's cart and heart from routes, and each page's HTML (scripts
// stripped) from a page, once prerendered at build time and once rendered per request. Written and
// built under .data/bench-floor (ignored by git) on every run, so it always serves today's pages.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIR = path.join(ROOT, '.data/bench-floor');

const FILES: Record<string, string> = {
  'package.json': '{ "name": "thali-bench-floor", "private": true, "type": "module" }\n',
  'next.config.mjs': `import path from 'node:path';
export default { poweredByHeader: false, turbopack: { root: path.resolve(import.meta.dirname, '../..') } };
`,
  // Its own (empty) hook: without one, Next would bundle this project's instrumentation.ts from the root.
  'instrumentation.js': 'export function register() {}\n',
  'app/layout.jsx': 'export default function Layout({ children }) { return children; }\n',
  'app/api/menu/route.js': `import fs from 'node:fs';
import path from 'node:path';
export const dynamic = 'force-dynamic';
const body = fs.readFileSync(path.join(process.cwd(), 'captured/menu.json'));
export function GET() { return new Response(body, { headers: { 'content-type': 'application/json' } }); }
`,
  'app/api/visitor/route.js': `import fs from 'node:fs';
import path from 'node:path';
export const dynamic = 'force-dynamic';
const body = fs.readFileSync(path.join(process.cwd(), 'captured/visitor.json'));
export function GET() { return new Response(body, { headers: { 'content-type': 'application/json' } }); }
`,
  'app/static/[page]/page.jsx': `import fs from 'node:fs';
import path from 'node:path';
export const dynamicParams = false;
export function generateStaticParams() { return ['home', 'city', 'menu'].map((page) => ({ page })); }
export default async function Page({ params }) {
  const { page } = await params;
  const html = fs.readFileSync(path.join(process.cwd(), \`captured/\${page}.html\`), 'utf8');
  return <html lang="en"><body dangerouslySetInnerHTML={{ __html: html }} /></html>;
}
`,
  'app/dynamic/[page]/page.jsx': `import fs from 'node:fs';
import path from 'node:path';
import { connection } from 'next/server';
const pages = new Map();
export default async function Page({ params }) {
  await connection();
  const { page } = await params;
  if (!pages.has(page)) pages.set(page, fs.readFileSync(path.join(process.cwd(), \`captured/\${page}.html\`), 'utf8'));
  return <html lang="en"><body dangerouslySetInnerHTML={{ __html: pages.get(page) }} /></html>;
}
`,
};

/** A page's body as a browser without scripts gets it: every <script> element removed. */
export function stripScripts(html: string): string {
  const body = html.slice(html.indexOf('<body'), html.lastIndexOf('</body>'));
  return body.replace(/^<body[^>]*>/, '').replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');
}

export interface Floor {
  base: string;
  /** `next start`, whose server runs in a child process: count its process tree (scripts/bench-cpu.ts). */
  pid: number;
  stop(): void;
}

/** `visitorJson`: what /api/visitor answers (a visitor's cart and heart); `{}` when not given. */
export async function startFloor(options: {
  port: number;
  captured: Record<'home' | 'city' | 'menu', string>;
  menuJson: string;
  visitorJson?: string;
}): Promise<Floor> {
  fs.rmSync(DIR, { recursive: true, force: true });
  for (const [file, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(DIR, file)), { recursive: true });
    fs.writeFileSync(path.join(DIR, file), text);
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(DIR, 'node_modules'));
  fs.mkdirSync(path.join(DIR, 'captured'));
  for (const [page, html] of Object.entries(options.captured)) fs.writeFileSync(path.join(DIR, `captured/${page}.html`), stripScripts(html));
  fs.writeFileSync(path.join(DIR, 'captured/menu.json'), options.menuJson);
  fs.writeFileSync(path.join(DIR, 'captured/visitor.json'), options.visitorJson ?? '{}');
  const next = path.join(ROOT, 'node_modules/next/dist/bin/next');
  const build = spawnSync(process.execPath, [next, 'build'], { cwd: DIR, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error('the floor app did not build');
  const server = spawn(process.execPath, [next, 'start', '-p', String(options.port), '-H', '127.0.0.1'], {
    cwd: DIR,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${options.port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${base}/api/menu`)).ok) break;
    } catch {
      if (attempt > 60) throw new Error('the floor app did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { base, pid: server.pid!, stop: () => void server.kill('SIGTERM') };
}
