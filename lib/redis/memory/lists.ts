import type { ListEnd, RedisStore } from '../types';

import { integerArgument, nonEmpty } from './errors';
import type { Keyspace } from './keyspace';
import { rankWindow } from './ranges';

type ListCommands = Pick<RedisStore, 'lpush' | 'rpush' | 'lmove' | 'lrange' | 'lrem' | 'ltrim' | 'llen'>;

const newList = (): string[] => [];

function push(list: string[], end: ListEnd, value: string): void {
  if (end === 'LEFT') list.unshift(value);
  else list.push(value);
}

/** Indexes of up to `limit` occurrences (0: all), from the head, or from the tail when `fromTail`. */
function occurrences(list: readonly string[], value: string, limit: number, fromTail: boolean): Set<number> {
  const found = new Set<number>();
  for (let n = 0; n < list.length && (limit === 0 || found.size < limit); n++) {
    const index = fromTail ? list.length - 1 - n : n;
    if (list[index] === value) found.add(index);
  }
  return found;
}

/**
 * LMOVE's whole effect, synchronously: BLMOVE serves a waiter with exactly this at the moment an
 * element arrives (lib/redis/memory/blocking.ts).
 */
export function moveElement(keyspace: Keyspace, source: string, destination: string, from: ListEnd, to: ListEnd): string | null {
  const list = keyspace.read(source, 'list');
  if (!list) return null;
  // Redis checks the destination's type before popping, so a WRONGTYPE loses nothing.
  keyspace.read(destination, 'list');
  const value = from === 'LEFT' ? list.shift() : list.pop();
  if (value === undefined) return null;
  push(keyspace.upsert(destination, 'list', newList), to, value);
  keyspace.dropIfEmpty(source);
  return value;
}

export function listCommands(keyspace: Keyspace): ListCommands {
  function pushAll(key: string, end: ListEnd, values: readonly string[], command: string): number {
    nonEmpty(values, command);
    const list = keyspace.upsert(key, 'list', newList);
    for (const value of values) push(list, end, value);
    return list.length;
  }

  return {
    async lpush(key, values) {
      return pushAll(key, 'LEFT', values, 'lpush');
    },

    async rpush(key, values) {
      return pushAll(key, 'RIGHT', values, 'rpush');
    },

    async lmove(source, destination, from, to) {
      return moveElement(keyspace, source, destination, from, to);
    },

    async lrange(key, start, stop) {
      const list = keyspace.read(key, 'list') ?? [];
      const window = rankWindow(start, stop, list.length);
      return window ? list.slice(window[0], window[1] + 1) : [];
    },

    async lrem(key, count, value) {
      integerArgument(count);
      const list = keyspace.read(key, 'list');
      if (!list) return 0;
      const doomed = occurrences(list, value, Math.abs(count), count < 0);
      // Compact in place: the stored array is the list.
      let kept = 0;
      for (let index = 0; index < list.length; index++) {
        if (!doomed.has(index)) list[kept++] = list[index]!;
      }
      list.length = kept;
      keyspace.dropIfEmpty(key);
      return doomed.size;
    },

    async ltrim(key, start, stop) {
      const list = keyspace.read(key, 'list');
      if (!list) {
        rankWindow(start, stop, 0);
        return;
      }
      const window = rankWindow(start, stop, list.length);
      // In place: the stored array is the list.
      list.splice(0, list.length, ...(window ? list.slice(window[0], window[1] + 1) : []));
      keyspace.dropIfEmpty(key);
    },

    async llen(key) {
      return keyspace.read(key, 'list')?.length ?? 0;
    },
  };
}
