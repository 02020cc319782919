import { compileGlob } from '../glob';
import type { RedisStore, ScanOptions } from '../types';

import { integerArgument, nonEmpty, syntaxError } from './errors';
import type { Keyspace } from './keyspace';

type KeyCommands = Pick<RedisStore, 'del' | 'exists' | 'pexpire' | 'pttl' | 'ttl' | 'type' | 'rename' | 'scan'>;

const matchAll = () => true;

function parseCursor(cursor: string): number {
  if (!/^[0-9]+$/.test(cursor) || !Number.isSafeInteger(Number(cursor))) throw new Error('ERR invalid cursor');
  return Number(cursor);
}

export function keyCommands(keyspace: Keyspace): KeyCommands {
  return {
    async del(keys) {
      // A key named twice is deleted once, so counting deletions (not keys) matches Redis.
      return nonEmpty(keys, 'del').filter((key) => keyspace.delete(key)).length;
    },

    async exists(keys) {
      // …whereas EXISTS counts a repeated key every time.
      return nonEmpty(keys, 'exists').filter((key) => keyspace.exists(key)).length;
    },

    async pexpire(key, milliseconds) {
      return keyspace.expireAt(key, keyspace.now() + integerArgument(milliseconds));
    },

    async pttl(key) {
      return keyspace.pttl(key);
    },

    async ttl(key) {
      const ms = keyspace.pttl(key);
      // Redis rounds the remaining time to the nearest second.
      return ms < 0 ? ms : Math.floor((ms + 500) / 1000);
    },

    async type(key) {
      return keyspace.type(key);
    },

    async rename(key, newKey) {
      if (!keyspace.rename(key, newKey)) throw new Error('ERR no such key');
    },

    async scan(cursor, { match, count = 10 }: ScanOptions = {}) {
      const start = parseCursor(cursor);
      if (integerArgument(count) < 1) throw syntaxError();
      // SCAN skips the matcher for a bare `*` (which would otherwise not match an empty key name).
      const matches = match === undefined || match === '*' ? matchAll : compileGlob(match);
      const step = keyspace.scan(start, count, matches);
      return { cursor: String(step.cursor), keys: step.keys };
    },
  };
}
