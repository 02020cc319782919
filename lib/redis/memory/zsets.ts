import type { RedisStore } from '../types';

import { floatArgument, nonEmpty } from './errors';
import type { Keyspace } from './keyspace';
import { rankWindow } from './ranges';
import { SortedSet } from './sorted-set';

type ZsetCommands = Pick<RedisStore, 'zadd' | 'zincrby' | 'zscore' | 'zrange' | 'zrem' | 'zcard'>;

const newSortedSet = () => new SortedSet();

export function zsetCommands(keyspace: Keyspace): ZsetCommands {
  return {
    async zadd(key, members) {
      nonEmpty(members, 'zadd');
      for (const { score } of members) floatArgument(score);
      const zset = keyspace.upsert(key, 'zset', newSortedSet);
      // Applied in order, so a member named twice in one call counts once and its last score wins.
      return members.filter(({ member, score }) => zset.set(member, score)).length;
    },

    async zincrby(key, increment, member) {
      floatArgument(increment);
      const current = keyspace.read(key, 'zset')?.score(member) ?? 0;
      const next = current + increment;
      if (Number.isNaN(next)) throw new Error('ERR resulting score is not a number (NaN)');
      keyspace.upsert(key, 'zset', newSortedSet).set(member, next);
      return next;
    },

    async zscore(key, member) {
      return keyspace.read(key, 'zset')?.score(member) ?? null;
    },

    async zrange(key, start, stop, { rev = false } = {}) {
      const zset = keyspace.read(key, 'zset');
      const window = rankWindow(start, stop, zset?.size ?? 0);
      return zset && window ? zset.slice(window[0], window[1], rev) : [];
    },

    async zrem(key, members) {
      nonEmpty(members, 'zrem');
      const zset = keyspace.read(key, 'zset');
      if (!zset) return 0;
      const removed = members.filter((member) => zset.remove(member)).length;
      keyspace.dropIfEmpty(key);
      return removed;
    },

    async zcard(key) {
      return keyspace.read(key, 'zset')?.size ?? 0;
    },
  };
}
