import type { RedisStore, SetOptions } from '../types';

import { addInt64, integerArgument, nonEmpty, notAnInteger, parseStoredInteger, syntaxError } from './errors';
import type { Keyspace } from './keyspace';

type StringCommands = Pick<RedisStore, 'get' | 'set' | 'getdel' | 'delifeq' | 'mget' | 'incr' | 'incrby' | 'strlen'>;

export function stringCommands(keyspace: Keyspace): StringCommands {
  function incrementBy(key: string, increment: number): number {
    const delta = BigInt(integerArgument(increment));
    const current = keyspace.read(key, 'string');
    const next = addInt64(current === undefined ? 0n : parseStoredInteger(current, notAnInteger), delta);
    keyspace.updateString(key, next.toString());
    return Number(next);
  }

  return {
    async get(key) {
      return keyspace.read(key, 'string') ?? null;
    },

    async set(key, value, { px, nx = false, xx = false }: SetOptions = {}) {
      // Arguments are validated before anything is looked at, as Redis parses the whole command first.
      if (nx && xx) throw syntaxError();
      if (px !== undefined && integerArgument(px) <= 0) throw new Error("ERR invalid expire time in 'set' command");
      const exists = keyspace.exists(key);
      if ((nx && exists) || (xx && !exists)) return false;
      // SET replaces any type, and without PX it drops an existing TTL.
      keyspace.putString(key, value, px === undefined ? null : keyspace.now() + px);
      return true;
    },

    async getdel(key) {
      const value = keyspace.read(key, 'string');
      if (value === undefined) return null;
      keyspace.delete(key);
      return value;
    },

    async delifeq(key, value) {
      if (keyspace.read(key, 'string') !== value) return false;
      return keyspace.delete(key);
    },

    async mget(keys) {
      // MGET never fails on type: anything but a string reads as missing.
      return nonEmpty(keys, 'mget').map((key) => (keyspace.type(key) === 'string' ? (keyspace.read(key, 'string') ?? null) : null));
    },

    async incr(key) {
      return incrementBy(key, 1);
    },

    async incrby(key, increment) {
      return incrementBy(key, increment);
    },

    async strlen(key) {
      // Redis counts bytes, not characters.
      return Buffer.byteLength(keyspace.read(key, 'string') ?? '', 'utf8');
    },
  };
}
