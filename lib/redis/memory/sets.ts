import type { RedisStore } from '../types';

import { nonEmpty } from './errors';
import type { Keyspace } from './keyspace';

type SetCommands = Pick<RedisStore, 'sadd' | 'srem' | 'smembers' | 'sismember' | 'scard'>;

export function setCommands(keyspace: Keyspace): SetCommands {
  return {
    async sadd(key, members) {
      nonEmpty(members, 'sadd');
      const set = keyspace.upsert(key, 'set', () => new Set<string>());
      const before = set.size;
      for (const member of members) set.add(member);
      return set.size - before;
    },

    async srem(key, members) {
      nonEmpty(members, 'srem');
      const set = keyspace.read(key, 'set');
      if (!set) return 0;
      const removed = members.filter((member) => set.delete(member)).length;
      keyspace.dropIfEmpty(key);
      return removed;
    },

    async smembers(key) {
      return [...(keyspace.read(key, 'set') ?? [])];
    },

    async sismember(key, member) {
      return keyspace.read(key, 'set')?.has(member) ?? false;
    },

    async scard(key) {
      return keyspace.read(key, 'set')?.size ?? 0;
    },
  };
}
