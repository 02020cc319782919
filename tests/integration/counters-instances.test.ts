import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { dayOf } from '@/lib/views/buckets';
import { flushCounters } from '@/lib/views/flush';
import { readWeeklyViews } from '@/lib/views/read-views';
import { getCityRestaurants } from '@/lib/menus/cached';

import { keysUnder } from '../support/app-context';
import { backendPairs, setUpBackends } from '../support/backend-matrix';
import { durableRows, recordViews } from '../support/counters';
import { TEST_POSTGRES_URL, TEST_REDIS_URL } from '../support/services';
import { startUpstashBridge, type UpstashBridge } from '@/lib/redis/upstash-bridge';

/**
 * On the two shared backends, two server instances count into one number: this process is one
 * instance, a real second Node process (tests/support/counters-instance.ts) is the other, each with
 * its own clients, against the same Redis and Postgres. Both then flush at the same time.
 * (The in-process store is one per process by design, so it has no place here.)
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHILD_VIEWS = 40;
const OWN_VIEWS = 25;

/** The database createTestPostgres made, as a URL a child process can connect to. */
function urlOf(handle: DatabaseHandle): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = handle.description.slice(handle.description.indexOf('/'));
  return url.toString();
}

/** What the second instance prints last. */
interface InstanceSummary {
  backend: string;
  outcomes: Record<string, number>;
  flush: { views: number };
}

interface Child {
  lines: AsyncIterator<string>;
  /** Tells it to flush (it waits for this after recording). */
  flush(): void;
  exited: Promise<{ code: number | null; stderr: string }>;
}

function startInstance(args: string[], env: Record<string, string>): Child {
  const script = ['--conditions=react-server', '--import', 'tsx', 'tests/support/counters-instance.ts'];
  const child = spawn(process.execPath, [...script, ...args], {
    cwd: ROOT,
    // Blank every backend variable a developer may have exported, then set only this test's.
    env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', UPSTASH_REDIS_REST_URL: '', UPSTASH_REDIS_REST_TOKEN: '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stderr })),
  );
  return {
    lines: readline.createInterface({ input: child.stdout })[Symbol.asyncIterator](),
    flush: () => child.stdin.end('flush\n'),
    exited,
  };
}

async function nextLine(child: Child): Promise<string> {
  const line = await Promise.race([
    child.lines.next(),
    child.exited.then(({ code, stderr }) => {
      throw new Error(`second instance exited (${code}) early:\n${stderr}`);
    }),
  ]);
  return line.done ? '' : line.value;
}

for (const pair of await backendPairs({ sharedDriversOnly: true })) {
  const { driver } = pair;

  describe.skipIf(!pair.runnable)(pair.title('two server instances'), () => {
    const backends = setUpBackends(pair, { label: 'instances', env: { REDIS_TIMEOUT_MS: '5000', OPTIONAL_READ_TIMEOUT_MS: '5000' } });
    let bridge: UpstashBridge | undefined;

    beforeAll(async () => {
      // The other instance reaches Redis its own way: its own TCP connection, or its own Upstash endpoint.
      if (driver.name === 'upstash') bridge = await startUpstashBridge({ redisUrl: TEST_REDIS_URL, token: 'second-instance' });
    });

    afterAll(async () => {
      await bridge?.close();
    });

    it('views recorded by both land in one count, and both flushing at once moves it to Postgres once', async () => {
      const [restaurant] = (await getCityRestaurants('hyderabad')).value!.restaurants;
      const slug = restaurant!.slug;
      const redisEnv: Record<string, string> =
        driver.name === 'upstash'
          ? { UPSTASH_REDIS_REST_URL: bridge!.url, UPSTASH_REDIS_REST_TOKEN: bridge!.token }
          : { REDIS_URL: TEST_REDIS_URL };
      const child = startInstance([slug, 'hyderabad', String(CHILD_VIEWS)], {
        NODE_ENV: 'test',
        DATABASE_URL: urlOf(backends.db),
        REDIS_KEY_PREFIX: backends.prefix,
        REDIS_TIMEOUT_MS: '5000',
        ...redisEnv,
      });

      expect(await nextLine(child)).toBe('ready');
      // Both instances count at the same time.
      await recordViews({ slug, citySlug: 'hyderabad' }, OWN_VIEWS);
      expect(await nextLine(child)).toBe('recorded');
      expect(await readWeeklyViews(slug)).toBe(CHILD_VIEWS + OWN_VIEWS);

      // Both flush at the same time.
      child.flush();
      const [report, summary] = await Promise.all([flushCounters(), nextLine(child)]);
      const { code, stderr } = await child.exited;
      expect(code, stderr).toBe(0);
      const parsed = JSON.parse(summary) as InstanceSummary;
      expect(parsed.backend).toBe(driver.name);
      expect(parsed.outcomes).toEqual({ counted: CHILD_VIEWS });
      // Whichever process moved which key, together they added every view once.
      expect(report.views + parsed.flush.views).toBe(CHILD_VIEWS + OWN_VIEWS);

      expect(await durableRows(backends.db.db, slug)).toEqual({ [dayOf(new Date())]: CHILD_VIEWS + OWN_VIEWS });
      expect(await readWeeklyViews(slug)).toBe(CHILD_VIEWS + OWN_VIEWS);
      expect(await keysUnder(backends.redis, `${backends.prefix}views:v1:restaurant:`)).toEqual([]);
    }, 60_000);
  });
}
