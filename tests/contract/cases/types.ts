import type { RedisStore } from '@/lib/redis/types';

export type StoreMethod = {
  [K in keyof RedisStore]: RedisStore[K] extends (...args: never[]) => unknown ? K : never;
}[keyof RedisStore];

export interface CaseContext {
  store: RedisStore;
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
