import type { RedisStore } from '@/lib/redis/types';

/** A store that forwards every command to `inner` and records its name: how many round trips a read costs. */
export interface CountingStore {
  store: RedisStore;
  /** Commands sent since the last reset, in order. */
  commands: string[];
  reset(): void;
}

export function countingStore(inner: RedisStore): CountingStore {
  const counting: CountingStore = {
    commands: [],
    reset: () => void (counting.commands.length = 0),
    store: new Proxy(inner, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function' || property === 'close') return value;
        return (...args: unknown[]) => {
          counting.commands.push(String(property));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    }),
  };
  return counting;
}
