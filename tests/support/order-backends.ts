import type { DatabaseHandle } from '@/db/client';
import type { RedisStore } from '@/lib/redis/types';

import { createTestPglite, createTestPostgres } from './databases';
import { driversUnderTest } from './redis-drivers';
import { IN_CI, missing, postgresAvailable, TEST_POSTGRES_URL } from './services';

export interface OrderBackend {
  name: string;
  available: boolean;
  reason: string | undefined;
  create(): Promise<{ db: DatabaseHandle & { url?: string }; redis: RedisStore }>;
  cleanup(): Promise<void>;
}

/**
 * The order suites' backends: PGlite with every Redis driver, and the real Postgres with TCP Redis,
 * where two connections can race at a row lock. `label` names the real Postgres database.
 */
export async function orderBackends(label: string): Promise<OrderBackend[]> {
  const drivers = await driversUnderTest();
  const tcp = drivers.find((driver) => driver.name === 'tcp')!;
  const postgresUp = IN_CI || (await postgresAvailable());
  const realReason = !postgresUp ? missing(`Postgres at ${TEST_POSTGRES_URL}`) : !tcp.available ? tcp.skipReason : undefined;
  return [
    ...drivers.map((driver) => ({
      name: `PGlite + ${driver.name}`,
      available: driver.available,
      reason: driver.skipReason,
      create: async () => ({ db: await createTestPglite(), redis: await driver.create() }),
      cleanup: async () => driver.cleanup(),
    })),
    {
      name: 'Postgres + tcp',
      available: !realReason,
      reason: realReason,
      create: async () => ({ db: await createTestPostgres(label), redis: await tcp.create() }),
      cleanup: async () => {},
    },
  ];
}
