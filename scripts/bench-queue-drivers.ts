// The three RedisStore drivers as scripts/bench-queue.ts measures them: the in-process store, TCP
// (node-redis) and Upstash REST, the last through the local REST bridge (scripts/upstash-bridge.ts,
// as `npm run upstash-bridge` runs it) in a child process of its own, so the bridge's work does not
// share the benchmark's event loop, as a real Upstash would not. Both network drivers use the real
// Redis at BENCH_REDIS_URL and the production command budget (REDIS_TIMEOUT_MS).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';

import { createMemoryStore } from '@/lib/redis/memory-store';
import { createTcpStore } from '@/lib/redis/tcp-store';
import type { RedisStore } from '@/lib/redis/types';
import { createUpstashStore } from '@/lib/redis/upstash-store';

export const DRIVER_NAMES = ['memory', 'tcp', 'upstash'] as const;
export type DriverName = (typeof DRIVER_NAMES)[number];

export interface BenchDriver {
  name: DriverName;
  label: string;
  /** A new store; the caller closes it. */
  create(): Promise<RedisStore>;
  /** Stops what the driver shares between its stores (the bridge). */
  stop(): Promise<void>;
}

export function benchDriver(name: DriverName, redisUrl: string, commandTimeoutMs: number): BenchDriver {
  switch (name) {
    case 'memory':
      return { name, label: 'in-process', create: async () => createMemoryStore(), stop: async () => {} };
    case 'tcp':
      return {
        name,
        label: 'TCP (node-redis)',
        create: async () => createTcpStore({ url: redisUrl, commandTimeoutMs }),
        stop: async () => {},
      };
    case 'upstash': {
      let bridge: Promise<Bridge> | undefined;
      return {
        name,
        label: 'Upstash REST (local bridge)',
        async create() {
          bridge ??= startBridge(redisUrl);
          const { url, token } = await bridge;
          return createUpstashStore({ url, token, commandTimeoutMs });
        },
        async stop() {
          if (bridge) await (await bridge).stop();
        },
      };
    }
  }
}

interface Bridge {
  url: string;
  token: string;
  stop(): Promise<void>;
}

const BRIDGE_SCRIPT = fileURLToPath(new URL('./upstash-bridge.ts', import.meta.url));

/** Starts the bridge on a free port and waits for the line that names its URL. */
function startBridge(redisUrl: string): Promise<Bridge> {
  const token = randomUUID();
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', BRIDGE_SCRIPT], {
    env: { ...process.env, REDIS_URL: redisUrl, UPSTASH_BRIDGE_TOKEN: token, UPSTASH_BRIDGE_PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = () => stopChild(child);
  return new Promise<Bridge>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error('the Upstash bridge did not start within 30 s')), 30_000);
    function fail(error: Error) {
      clearTimeout(timer);
      void stop();
      reject(error);
    }
    child.once('exit', (code) => fail(new Error(`the Upstash bridge exited (${code}) before it was ready: ${output.trim()}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const url = /Upstash REST bridge on (http:\/\/\S+?),/.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      resolve({ url, token, stop });
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export interface CommandCounts {
  commands: number;
  errors: number;
}

/** The store, counting every command sent through it and every one that failed. */
export function counted(store: RedisStore): { store: RedisStore; counts: CommandCounts } {
  const counts: CommandCounts = { commands: 0, errors: 0 };
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || property === 'close') return value;
      const method = value as (...args: unknown[]) => Promise<unknown>;
      return (...args: unknown[]) => {
        counts.commands += 1;
        return method.apply(target, args).catch((error: unknown) => {
          counts.errors += 1;
          throw error;
        });
      };
    },
  });
  return { store: proxy, counts };
}
