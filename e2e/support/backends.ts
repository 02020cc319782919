import { createHash } from 'node:crypto';

import postgres from 'postgres';
import { createClient } from 'redis';

import { E2E_DATABASE_URL, E2E_KEY_PREFIX, E2E_REDIS_URL } from './config';

/**
 * Direct access to the e2e servers' Postgres and Redis, for specs that set up or clean up what they
 * can't through the UI. Only with real services (E2E_SHARED_BACKENDS): the embedded ones live
 * inside the server process.
 */
const redisClient = (url: string) => createClient({ url });
type Redis = ReturnType<typeof redisClient>;

export async function withRedis<T>(work: (redis: Redis) => Promise<T>): Promise<T> {
  if (!E2E_REDIS_URL) throw new Error('needs E2E_REDIS_URL');
  const redis = redisClient(E2E_REDIS_URL);
  await redis.connect();
  try {
    return await work(redis);
  } finally {
    await redis.quit();
  }
}

export async function withPostgres<T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  if (!E2E_DATABASE_URL) throw new Error('needs E2E_DATABASE_URL');
  const sql = postgres(E2E_DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end();
  }
}

/** Deletes the e2e namespace's keys matching `pattern` (a SCAN glob after the prefix); returns how many. */
export async function deleteKeys(pattern: string): Promise<number> {
  return withRedis(async (redis) => {
    let deleted = 0;
    for await (const keys of redis.scanIterator({ MATCH: `${E2E_KEY_PREFIX}${pattern}`, COUNT: 500 })) {
      if (keys.length > 0) deleted += await redis.del(keys);
    }
    return deleted;
  });
}

/**
 * Where the app keeps the session behind a cookie value (lib/auth/sessions.ts): under the value's
 * SHA-256, a customer's (`c<id>.<random>`) beside their epoch.
 */
export function sessionKeyOf(cookieValue: string): string {
  const hash = createHash('sha256').update(cookieValue).digest('hex');
  const customer = /^c(\d+)\./.exec(cookieValue);
  return customer ? `${E2E_KEY_PREFIX}session:v2:customer:{${customer[1]}}:${hash}` : `${E2E_KEY_PREFIX}session:${hash}`;
}

/** Whether Redis still holds the session behind a cookie value. */
export const sessionExists = (cookieValue: string) => withRedis(async (redis) => (await redis.exists(sessionKeyOf(cookieValue))) === 1);

/** Deletes the session behind a cookie value, for cleanup after a test that may have stopped before signing out. */
export const forgetSession = (cookieValue: string) => withRedis((redis) => redis.del(sessionKeyOf(cookieValue)));
