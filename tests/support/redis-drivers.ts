import { randomUUID } from 'node:crypto';

import { createMemoryStore } from '@/lib/redis/memory-store';
import type { RedisStore } from '@/lib/redis/types';

import { IN_CI, TEST_REDIS_URL, missing, redisAvailable } from './services';

/**
 * Every RedisStore driver a suite should run against. The TCP and Upstash drivers need the real
 * Redis (Upstash through a local REST bridge in front of it); without one they are reported as
 * unavailable with a reason to print, except under CI, where they run and fail loudly instead.
 */
export interface DriverUnderTest {
  name: 'memory' | 'tcp' | 'upstash';
  available: boolean;
  skipReason?: string;
  /** A new, independent store; the caller closes it. */
  create(): Promise<RedisStore>;
  /** Releases what the driver shares between its stores (the Upstash bridge); create() works again after. */
  cleanup(): Promise<void>;
}

type UpstashBridge = { url: string; token: string; close(): Promise<void> };

/**
 * The drivers' production budget (150 ms) is about serving pages; suites run many files in parallel,
 * with the Upstash bridge in the same process, and a command occasionally takes longer. These suites
 * test behaviour, so they give commands room; the drivers' own timeout tests set their budgets.
 */
const TEST_COMMAND_TIMEOUT_MS = 5_000;

function memoryDriver(): DriverUnderTest {
  return {
    name: 'memory',
    available: true,
    create: async () => createMemoryStore(),
    cleanup: async () => {},
  };
}

// The network drivers are imported lazily so the memory suites run even where they fail to load.
function tcpDriver(available: boolean, skipReason: string | undefined): DriverUnderTest {
  return {
    name: 'tcp',
    available,
    skipReason,
    async create() {
      const { createTcpStore } = await import('@/lib/redis/tcp-store');
      return createTcpStore({ url: TEST_REDIS_URL, commandTimeoutMs: TEST_COMMAND_TIMEOUT_MS });
    },
    cleanup: async () => {},
  };
}

function upstashDriver(available: boolean, skipReason: string | undefined): DriverUnderTest {
  let bridge: Promise<UpstashBridge> | undefined;

  const startBridge = async (): Promise<UpstashBridge> => {
    const { startUpstashBridge } = await import('@/lib/redis/upstash-bridge');
    return startUpstashBridge({ redisUrl: TEST_REDIS_URL, token: randomUUID() });
  };

  return {
    name: 'upstash',
    available,
    skipReason,
    async create() {
      // One bridge for all of this driver's stores; forgotten if it fails to start, so a retry can work.
      bridge ??= startBridge().catch((error: unknown) => {
        bridge = undefined;
        throw error;
      });
      const { url, token } = await bridge;
      const { createUpstashStore } = await import('@/lib/redis/upstash-store');
      return createUpstashStore({ url, token, commandTimeoutMs: TEST_COMMAND_TIMEOUT_MS });
    },
    async cleanup() {
      const running = bridge;
      bridge = undefined;
      if (running) await (await running).close();
    },
  };
}

export async function driversUnderTest(): Promise<DriverUnderTest[]> {
  const available = IN_CI || (await redisAvailable());
  const skipReason = available ? undefined : missing(`Redis at ${TEST_REDIS_URL}`);
  // Printed as well as put in the suite titles: a skipped driver must never go unnoticed.
  if (skipReason) console.warn(`[redis-drivers] tcp and upstash: ${skipReason}`);
  return [memoryDriver(), tcpDriver(available, skipReason), upstashDriver(available, skipReason)];
}
