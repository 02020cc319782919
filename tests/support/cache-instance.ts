// A second server instance for the stampede test (tests/integration/cache-lease.test.ts): its own Node
// process with its own Redis client and Postgres pool, configured through the environment. Run as
//   node --conditions=react-server --import tsx tests/support/cache-instance.ts <key> <requests>
// It prints "ready", waits for "go" on stdin, reads <key> through the cache <requests> times at once
// (each load one Postgres query), and prints a JSON summary of loads and lookups.
import readline from 'node:readline';

import { sql } from 'drizzle-orm';

import { getDatabase } from '@/db/client';
import { readThrough } from '@/lib/cache/read-through';
import { getRedis } from '@/lib/redis/client';

const [key, requests] = process.argv.slice(2);
const redis = getRedis();
const database = getDatabase();
await redis.ping();
console.log('ready');
for await (const line of readline.createInterface({ input: process.stdin })) if (line === 'go') break;

let loads = 0;
const load = async () => {
  loads += 1;
  await database.db.execute(sql`select pg_sleep(0.1)`);
  return { loadedBy: process.pid };
};
const results = await Promise.all(Array.from({ length: Number(requests) }, () => readThrough({ key: key!, ttlMs: 60_000, load })));
const statuses = results.map((result) => result.cache.status);
console.log(JSON.stringify({ loads, hits: statuses.filter((s) => s === 'HIT').length, misses: statuses.filter((s) => s === 'MISS').length }));
await Promise.allSettled([redis.close(), database.close()]);
