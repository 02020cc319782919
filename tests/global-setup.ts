import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { TestProject } from 'vitest/node';

import { buildPgliteTemplate } from './support/pglite-template';
import { IN_CI, postgresAvailable, redisAvailable } from './support/services';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  // Under CI a missing service is a failure, never a quiet skip.
  if (IN_CI) {
    const [redis, postgres] = await Promise.all([redisAvailable(), postgresAvailable()]);
    const down = [!redis && 'Redis', !postgres && 'Postgres'].filter(Boolean);
    if (down.length > 0) throw new Error(`CI=true but ${down.join(' and ')} not reachable: start the services first`);
  }

  // One migrated, seeded PGlite folder per run; each test file opens a copy (~1 s instead of ~6 s).
  const template = fs.mkdtempSync(path.join(os.tmpdir(), 'thali-pglite-template-'));
  await buildPgliteTemplate(template);
  project.provide('pgliteTemplate', template);
  return () => fs.rmSync(template, { recursive: true, force: true });
}
