import type { RedisStore } from '@/lib/redis/types';

/** `inner` with some commands replaced (a fault, or a race laid out step by step); every other command goes through. */
export function withCommands(inner: RedisStore, overrides: Partial<RedisStore>): RedisStore {
  return new Proxy(inner, {
    get(target, property) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof RedisStore];
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * `inner`, but once `armed()` says so, the token-held `key` (a claim, a lease, a lock) changes hands
 * (`takeOver`) while its holder gives it back: after a GET that still saw the holder's token, or just
 * before a compare-and-delete. A release that is not one atomic step deletes the new holder's.
 */
export function handingOver(
  inner: RedisStore,
  key: string,
  options: { armed: () => boolean; takeOver: () => Promise<unknown>; overrides?: Partial<RedisStore> },
): RedisStore {
  const { armed, takeOver, overrides = {} } = options;
  return withCommands(inner, {
    get: async (name) => {
      const held = await inner.get(name);
      if (armed() && name === key) await takeOver();
      return held;
    },
    delifeq: async (name, value) => {
      if (armed() && name === key) await takeOver();
      return inner.delifeq(name, value);
    },
    ...overrides,
  });
}
