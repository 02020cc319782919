import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const tsx = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const loadEnv = pathToFileURL(path.join(root, 'scripts/load-env.ts')).href;
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'thali-load-env-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

/** What THALI_PROBE is after loading the scripts' .env files, run from `folder`. */
function probe(env: Record<string, string | undefined>): string {
  const code = `await import(${JSON.stringify(loadEnv)}); process.stdout.write(process.env.THALI_PROBE ?? 'unset');`;
  const run = spawnSync(process.execPath, ['--import', tsx, '--input-type=module', '-e', code], {
    cwd: folder,
    env: { NODE_ENV: 'development', PATH: process.env.PATH, ...env },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout;
}

describe('the scripts read .env files', () => {
  it('takes a variable from .env.local in the folder it runs in, and the environment wins over it', () => {
    fs.writeFileSync(path.join(folder, '.env.local'), 'THALI_PROBE=from-env-local\n');
    expect(probe({})).toBe('from-env-local');
    expect(probe({ THALI_PROBE: 'from-environment' })).toBe('from-environment');
  });

  it.each(['db-migrate.ts', 'db-seed.ts', 'worker.ts', 'counters-flush.ts'])('scripts/%s loads them before anything else', (script) => {
    const source = fs.readFileSync(path.join(root, 'scripts', script), 'utf8');
    expect(source.match(/^import .*$/m)?.[0]).toBe("import './load-env';");
  });
});
