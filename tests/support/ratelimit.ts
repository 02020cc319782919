import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';

import { Redis } from '@upstash/redis';
import { createClient } from 'redis';

import { createTcpScriptRedis, type ScriptRedis } from '@/lib/ratelimit/tcp-adapter';

import { startUpstashBridge } from '@/lib/redis/upstash-bridge';

/**
 * What the rate-limit suites need per shared backend: a client for @upstash/ratelimit (the TCP
 * script adapter, or @upstash/redis through a local Upstash bridge) and the app environment that
 * selects the same backend in another process.
 */
export type SharedBackendName = 'tcp' | 'upstash';

export interface LimiterClient {
  redis: Redis | ScriptRedis;
  /** REDIS_URL, or the two Upstash variables, for a child process. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function limiterClient(
  backend: SharedBackendName,
  redisUrl: string,
  options: { upstashUrl?: string } = {},
): Promise<LimiterClient> {
  if (backend === 'tcp') {
    const redis = createTcpScriptRedis(redisUrl);
    return { redis, env: { REDIS_URL: redisUrl }, close: () => redis.close() };
  }
  const token = randomUUID();
  // A bridge of our own, unless the caller points the client somewhere else (a black hole).
  const bridge = options.upstashUrl ? undefined : await startUpstashBridge({ redisUrl, token });
  const url = options.upstashUrl ?? bridge!.url;
  const redis = new Redis({ url, token, enableTelemetry: false, retry: { retries: 0, backoff: () => 0 }, signal: () => AbortSignal.timeout(1_000) });
  return {
    redis,
    env: { UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: token },
    close: async () => bridge?.close(),
  };
}

/** Sleeps until just after the start of the next window, so a short-window test never straddles two. */
export async function alignToWindow(windowMs: number): Promise<void> {
  const wait = windowMs - (Date.now() % windowMs) + 20;
  await new Promise((resolve) => setTimeout(resolve, wait));
}

/** Waits for the next window only if fewer than `neededMs` remain of this one (long windows). */
export async function ensureWindowRoom(windowMs: number, neededMs: number): Promise<void> {
  const left = windowMs - (Date.now() % windowMs);
  if (left < neededMs) await new Promise((resolve) => setTimeout(resolve, left + 20));
}

/** Deletes every key under a prefix on a real Redis (never FLUSHDB: others share it). */
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const client = createClient({ url: redisUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      if (keys.length > 0) await client.del(keys);
    }
  } finally {
    await client.close();
  }
}

export interface InstanceReport {
  results: { success: boolean; remaining: number; source: string }[];
}

/**
 * Another server instance, for real: a child process that builds the production rate-limit state
 * from its own environment (lib/ratelimit/state.ts) and spends `count` requests of `policy`.
 */
export function runInstance(env: Record<string, string>, policy: string, identifier: string, count: number): Promise<InstanceReport> {
  const script = path.resolve(import.meta.dirname, 'ratelimit-instance.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', script, policy, identifier, String(count)], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', OTP_SECRET: 'test-otp-secret-at-least-32-characters-long', SMS_SENDER: 'outbox', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`rate-limit instance exited with ${code}: ${stderr}`));
      const line = stdout.trim().split('\n').at(-1) ?? '';
      resolve(JSON.parse(line) as InstanceReport);
    });
  });
}
