import 'server-only';

import { BlockedLists, servingWaitersAfterEach } from './memory/blocking';
import { hashCommands } from './memory/hashes';
import { Keyspace } from './memory/keyspace';
import { keyCommands } from './memory/keys';
import { listCommands } from './memory/lists';
import { setCommands } from './memory/sets';
import { stringCommands } from './memory/strings';
import { zsetCommands } from './memory/zsets';
import type { RedisStore } from './types';

/**
 * The in-process driver, for local development without a Redis and for tests. It follows Redis 7's
 * semantics for every command in RedisStore (types, WRONGTYPE, TTLs, error texts, SCAN guarantees,
 * BLMOVE's blocking), so code that works against it works against a server. Values are strings or
 * fresh copies both ways: nothing a caller holds aliases stored state.
 */
export function createMemoryStore(options: { now?: () => number } = {}): RedisStore {
  return memoryStoreOver(new Keyspace({ now: options.now }));
}

/** The store over a given keyspace; tests use it to watch the keyspace itself (expiry sweeping). */
export function memoryStoreOver(keyspace: Keyspace): RedisStore {
  const blocked = new BlockedLists(keyspace);
  const commands = {
    async ping() {
      keyspace.assertOpen();
      return 'PONG';
    },

    ...stringCommands(keyspace),
    ...keyCommands(keyspace),
    ...hashCommands(keyspace),
    ...listCommands(keyspace),
    blmove: blocked.blmove.bind(blocked),
    ...setCommands(keyspace),
    ...zsetCommands(keyspace),
  };

  return {
    backend: 'memory',
    ...servingWaitersAfterEach(commands, blocked),

    async close() {
      blocked.close();
      keyspace.close();
    },
  };
}
