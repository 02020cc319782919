import type { RedisStore } from '@/lib/redis/types';

import type { DriverUnderTest } from '../../support/redis-drivers';

/** Every method of the interface, optional ones (`-?`) included. */
export type StoreMethod = {
  [K in keyof RedisStore]-?: NonNullable<RedisStore[K]> extends (...args: never[]) => unknown ? K : never;
}[keyof RedisStore];

/** Methods only drivers that can offer them implement (blmove: REST cannot hold a wait). */
export type OptionalMethod = {
  [K in StoreMethod]-?: undefined extends RedisStore[K] ? K : never;
}[StoreMethod];

export type DriverName = DriverUnderTest['name'];

export interface CaseContext {
  store: RedisStore;
  /**
   * Another client of the same database: a new connection for the network drivers, and the store
   * itself in-process, where a store is its own database. The runner closes what it opens.
   */
  another: () => Promise<RedisStore>;
  /** A key under this test's unique prefix: cases never touch keys they did not create. */
  k: (name: string) => string;
  prefix: string;
}

export interface ContractCase {
  name: string;
  /** The methods whose behaviour this case asserts; the runner checks each one was really called. */
  covers: readonly StoreMethod[];
  run(context: CaseContext): Promise<void>;
}

export function contractCase(name: string, covers: readonly StoreMethod[], run: ContractCase['run']): ContractCase {
  return { name, covers, run };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Redis's own WRONGTYPE reply leads the message on every driver. */
export const WRONGTYPE = /^WRONGTYPE/;
