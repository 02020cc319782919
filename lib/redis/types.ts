/**
 * The one Redis interface every feature is written against. Three drivers implement it:
 * Upstash over REST, node-redis over TCP, and an in-process store with Redis's semantics.
 * Keys arrive fully built (prefix included) from lib/cache/keys.ts; drivers never rewrite them.
 *
 * Only commands the app uses belong here, each with Redis's own semantics, so the contract suite
 * (tests/contract) can hold all three drivers to the same behaviour.
 *
 * Order holds only between commands awaited in turn. Commands issued together (Promise.all) run in
 * order on TCP and in-process, but not over Upstash: its SDK sends reads and writes of one tick in
 * separate HTTP requests (HGETALL, LRANGE, SMEMBERS, SCAN in requests of their own), so a read issued
 * beside a write may not see it. Await the write first wherever the read depends on it.
 */
export type RedisBackend = 'upstash' | 'tcp' | 'memory';

export type RedisType = 'string' | 'hash' | 'list' | 'set' | 'zset' | 'none';

export type ListEnd = 'LEFT' | 'RIGHT';

export interface SetOptions {
  /** Expire after this many milliseconds (SET … PX). */
  px?: number;
  /** Only set if the key does not exist (SET … NX). */
  nx?: boolean;
  /** Only set if the key already exists (SET … XX). */
  xx?: boolean;
}

export interface ScanOptions {
  /** Glob pattern, as Redis MATCH takes it. */
  match?: string;
  /** A hint for how many keys to look at per call, as Redis COUNT takes it. */
  count?: number;
}

export interface ScoredMember {
  member: string;
  score: number;
}

export interface RedisStore {
  readonly backend: RedisBackend;

  ping(): Promise<string>;

  // Strings
  get(key: string): Promise<string | null>;
  /** Returns true when the value was written, false when NX/XX prevented it. */
  set(key: string, value: string, options?: SetOptions): Promise<boolean>;
  getdel(key: string): Promise<string | null>;
  /**
   * Compare-and-delete in one step: deletes `key` only while it holds exactly `value` (true when it
   * did). What releases a token-held claim or lock: a GET then DEL could delete another holder's
   * claim, taken after ours lapsed between the two. Valkey 9's DELIFEQ and Redis 8.4's `DELEX key IFEQ
   * value`; the servers we support lack both, so TCP and Upstash run a one-line script (the only one
   * of ours: decision 001) and the in-process store its native twin. WRONGTYPE on a non-string key.
   */
  delifeq(key: string, value: string): Promise<boolean>;
  /**
   * Compare-and-delete of a hash: deletes the whole hash `key` only while its `field` holds exactly
   * `value` (true when it did). What clears an ordered cart (lib/cart/cart.ts): an HGET then DEL would
   * also delete a cart replaced between the two. No server command does it, so TCP and Upstash run a
   * one-line script (lib/redis/scripts.ts) and the in-process store its native twin. WRONGTYPE on a
   * non-hash key. `alsoDelete`: keys that go with the hash (the cart's prices), deleted in the same
   * step, so none of them is deleted after something new took its name (same hash tag as `key`).
   */
  delifheq(key: string, field: string, value: string, alsoDelete?: readonly string[]): Promise<boolean>;
  mget(keys: readonly string[]): Promise<(string | null)[]>;
  incr(key: string): Promise<number>;
  incrby(key: string, increment: number): Promise<number>;
  strlen(key: string): Promise<number>;

  // Keys
  del(keys: readonly string[]): Promise<number>;
  exists(keys: readonly string[]): Promise<number>;
  /** Returns true when a timeout was set (false: no such key). */
  pexpire(key: string, milliseconds: number): Promise<boolean>;
  /** Remaining time to live in ms; -1 when the key has no expiry, -2 when it does not exist. */
  pttl(key: string): Promise<number>;
  /** Remaining time to live in seconds; -1 when the key has no expiry, -2 when it does not exist. */
  ttl(key: string): Promise<number>;
  type(key: string): Promise<RedisType>;
  /** RENAME: throws when the source key does not exist; keeps the source's TTL. */
  rename(key: string, newKey: string): Promise<void>;
  /** One SCAN step. Cursor "0" starts and, when returned, ends the iteration. */
  scan(cursor: string, options?: ScanOptions): Promise<{ cursor: string; keys: string[] }>;

  // Hashes
  /** Returns the number of fields that were added (not updated). */
  hset(key: string, fields: Readonly<Record<string, string>>): Promise<number>;
  /** HSETNX: sets the field only if the hash lacks it; true when it was set. */
  hsetnx(key: string, field: string, value: string): Promise<boolean>;
  hget(key: string, field: string): Promise<string | null>;
  hgetall(key: string): Promise<Record<string, string>>;
  hdel(key: string, fields: readonly string[]): Promise<number>;
  hincrby(key: string, field: string, increment: number): Promise<number>;
  hlen(key: string): Promise<number>;

  // Lists
  lpush(key: string, values: readonly string[]): Promise<number>;
  rpush(key: string, values: readonly string[]): Promise<number>;
  /** Atomically pops from one end of source and pushes to one end of destination; null when source is empty. */
  lmove(source: string, destination: string, from: ListEnd, to: ListEnd): Promise<string | null>;
  /**
   * BLMOVE: lmove that, on an empty source, waits up to `timeoutMs` for an element to arrive (null when
   * none came). Waiters on one source are served oldest first, each element to exactly one of them, with
   * LMOVE's effect at that moment (a destination that is not a list fails that waiter with WRONGTYPE and
   * the element stays). `timeoutMs` must be > 0 (fractions round up to whole ms) and at most 2^31-1:
   * Redis's 0 ("forever") is not offered. close() ends waits in progress with an error.
   * Only drivers that can block implement it: TCP (on a connection of its own, so other commands never
   * queue behind a wait) and in-process. Over REST a request cannot hold a wait, so callers poll lmove.
   * On TCP a call that fails after Redis got it (no answer in time, connection lost) may still have moved
   * its element: use it where the destination is recovered anyway (a queue's processing list).
   */
  blmove?(source: string, destination: string, from: ListEnd, to: ListEnd, timeoutMs: number): Promise<string | null>;
  lrange(key: string, start: number, stop: number): Promise<string[]>;
  /** Removes `count` occurrences of value (0: all; negative: from the tail). */
  lrem(key: string, count: number, value: string): Promise<number>;
  /** Keeps only the elements from start to stop (LRANGE's index rules); a window left empty deletes the key. */
  ltrim(key: string, start: number, stop: number): Promise<void>;
  llen(key: string): Promise<number>;

  // Sets
  sadd(key: string, members: readonly string[]): Promise<number>;
  srem(key: string, members: readonly string[]): Promise<number>;
  smembers(key: string): Promise<string[]>;
  sismember(key: string, member: string): Promise<boolean>;
  scard(key: string): Promise<number>;

  // Sorted sets
  zadd(key: string, members: readonly ScoredMember[]): Promise<number>;
  zincrby(key: string, increment: number, member: string): Promise<number>;
  zscore(key: string, member: string): Promise<number | null>;
  /** ZRANGE key start stop [REV] WITHSCORES, by rank. */
  zrange(key: string, start: number, stop: number, options?: { rev?: boolean }): Promise<ScoredMember[]>;
  zrem(key: string, members: readonly string[]): Promise<number>;
  zcard(key: string): Promise<number>;

  /** Releases connections; the store is unusable afterwards. */
  close(): Promise<void>;
}

/** The error every driver throws for a command applied to the wrong kind of value. */
export const WRONGTYPE_MESSAGE = 'WRONGTYPE Operation against a key holding the wrong kind of value';
