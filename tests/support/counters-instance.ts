// A second server instance, for real: its own Node process with its own Redis client and Postgres
// pool, configured through the environment exactly like a server. Run by
// tests/integration/counters-instances.test.ts as
//   node --conditions=react-server --import tsx tests/support/counters-instance.ts <slug> <city> <views>
// It prints "ready" once connected, counts its views (each from a new visitor), prints "recorded",
// waits for a "flush" line on stdin (so the test can read the total before anything moves), runs one
// counter flush, and prints a JSON summary.
import readline from 'node:readline';

import { getDatabase } from '@/db/client';
import { flushCounters } from '@/lib/views/flush';
import { recordView } from '@/lib/views/record-view';
import { newVisitorId } from '@/lib/views/visitor';
import { getRedis } from '@/lib/redis/client';

const [slug, citySlug, views] = process.argv.slice(2);
const redis = getRedis();
const database = getDatabase();
await redis.ping();
console.log('ready');

const outcomes: Record<string, number> = {};
for (let i = 0; i < Number(views); i++) {
  const outcome = await recordView({ restaurantSlug: slug!, citySlug: citySlug!, visitorId: newVisitorId() });
  outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
}
console.log('recorded');
for await (const line of readline.createInterface({ input: process.stdin })) if (line === 'flush') break;
const flush = await flushCounters();
console.log(JSON.stringify({ backend: redis.backend, outcomes, flush }));
await Promise.allSettled([redis.close(), database.close()]);
