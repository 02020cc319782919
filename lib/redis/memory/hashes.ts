import type { RedisStore } from '../types';

import { addInt64, hashValueNotAnInteger, integerArgument, nonEmpty, parseStoredInteger, wrongArity } from './errors';
import type { Keyspace } from './keyspace';

type HashCommands = Pick<RedisStore, 'hset' | 'hsetnx' | 'hget' | 'hgetall' | 'hdel' | 'hincrby' | 'hlen' | 'delifheq'>;

const newHash = () => new Map<string, string>();

export function hashCommands(keyspace: Keyspace): HashCommands {
  return {
    async hset(key, fields) {
      const entries = Object.entries(fields);
      if (entries.length === 0) throw wrongArity('hset');
      const hash = keyspace.upsert(key, 'hash', newHash);
      let added = 0;
      for (const [field, value] of entries) {
        if (!hash.has(field)) added++;
        hash.set(field, value);
      }
      return added;
    },

    async hsetnx(key, field, value) {
      const hash = keyspace.upsert(key, 'hash', newHash);
      if (hash.has(field)) return false;
      hash.set(field, value);
      return true;
    },

    async hget(key, field) {
      return keyspace.read(key, 'hash')?.get(field) ?? null;
    },

    async hgetall(key) {
      // fromEntries defines own properties, so a field named "__proto__" survives as data.
      return Object.fromEntries(keyspace.read(key, 'hash') ?? []);
    },

    async hdel(key, fields) {
      nonEmpty(fields, 'hdel');
      const hash = keyspace.read(key, 'hash');
      if (!hash) return 0;
      const removed = fields.filter((field) => hash.delete(field)).length;
      keyspace.dropIfEmpty(key);
      return removed;
    },

    async hincrby(key, field, increment) {
      const delta = BigInt(integerArgument(increment));
      const current = keyspace.read(key, 'hash')?.get(field);
      const next = addInt64(current === undefined ? 0n : parseStoredInteger(current, hashValueNotAnInteger), delta);
      keyspace.upsert(key, 'hash', newHash).set(field, next.toString());
      return Number(next);
    },

    async delifheq(key, field, value, alsoDelete = []) {
      if (keyspace.read(key, 'hash')?.get(field) !== value) return false;
      for (const other of alsoDelete) keyspace.delete(other);
      return keyspace.delete(key);
    },

    async hlen(key) {
      return keyspace.read(key, 'hash')?.size ?? 0;
    },
  };
}
