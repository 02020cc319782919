import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

// The README and docs point readers at files, sections, commands and settings: each must exist, or
// the docs teach something the code no longer does.
const root = path.resolve(import.meta.dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const documents = [
  'README.md',
  ...fs
    .readdirSync(path.join(root, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .map((file) => path.join('docs', file)),
];

/** The text outside fenced code blocks (a `#` there is a shell comment, not a heading). */
function prose(text: string): string {
  return text.replace(/^```[\s\S]*?^```/gm, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .replace(/`/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_\- ]/gu, '')
    .replace(/ /g, '-');
}

function anchorsIn(file: string): Set<string> {
  return new Set([...prose(read(file)).matchAll(/^#+ (.*)$/gm)].map((match) => anchorOf(match[1]!)));
}

describe('the docs', () => {
  it('link only to files and sections that exist', () => {
    const broken: string[] = [];
    for (const file of documents) {
      for (const [, target] of prose(read(file)).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^(https?:|mailto:)/.test(target!)) continue;
        const [where, anchor] = target!.split('#');
        const linked = where ? path.join(path.dirname(file), where) : file;
        if (!fs.existsSync(path.join(root, linked))) broken.push(`${file}: ${target}`);
        else if (anchor && linked.endsWith('.md') && !anchorsIn(linked).has(anchor)) broken.push(`${file}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('name only npm scripts that package.json has', () => {
    const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);
    const unknown = documents.flatMap((file) =>
      [...read(file).matchAll(/npm run ([a-z0-9:-]+)/g)]
        .map((match) => match[1]!)
        .filter((name) => !scripts.includes(name))
        .map((name) => `${file}: npm run ${name}`),
    );
    expect(unknown).toEqual([]);
  });

  it('list every setting lib/env.ts reads in docs/configuration.md', () => {
    const settings = [...read('lib/env.ts').matchAll(/^ {4}([A-Z][A-Z0-9_]+):/gm)].map((match) => match[1]!);
    expect(settings.length).toBeGreaterThan(30);
    const configuration = read('docs/configuration.md');
    expect(settings.filter((name) => !configuration.includes(`\`${name}\``))).toEqual([]);
  });
});
