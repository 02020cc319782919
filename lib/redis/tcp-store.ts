import 'server-only';

import { ErrorReply, TimeoutError as NodeRedisTimeoutError } from 'redis';

import { DeadlineError, startDeadline } from '@/lib/server/deadline';

import {
  asBoolean,
  asInteger,
  asNullableString,
  asString,
  asStringArray,
  pairsToRecord,
  parseScore,
  REDIS_TYPES,
  unexpected,
  type Reply,
} from './replies';
import { DELIFEQ_SCRIPT, DELIFHEQ_SCRIPT } from './scripts';
import { blockingConnections } from './tcp-blocking';
import { describeError, openConnection, waitReady, type Connection } from './tcp-connection';
import type { ListEnd, RedisStore, ScanOptions, ScoredMember, SetOptions } from './types';
import { waitTimeoutMs } from './wait-timeout';

/**
 * RedisStore over node-redis (TCP). Every command is bounded by a short budget because callers fall back
 * to Postgres: a slow answer is worth less than a quick failure. node-redis alone only times out commands
 * that were never written, so the budget is enforced here, and a connection whose replies stop arriving
 * altogether is thrown away rather than left to collect unanswered commands. Blocking commands run on
 * connections of their own (./tcp-blocking.ts), so a wait never holds up the commands behind it.
 */

const DEFAULT_TIMEOUT_MS = 150;
/** How long QUIT may take on close() before the socket is simply destroyed. */
const CLOSE_GRACE_MS = 500;

/** Redis spells infinities "+inf"/"-inf"; String(Infinity) would be rejected as not a float. */
function formatScore(score: number): string {
  if (score === Infinity) return '+inf';
  if (score === -Infinity) return '-inf';
  return String(score);
}

export function createTcpStore(options: { url: string; commandTimeoutMs?: number }): RedisStore {
  const timeoutMs = options.commandTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  // The stall deadline: a reply this late means the connection is dead, not Redis merely slow.
  const stallMs = Math.max(1_000, timeoutMs * 10);
  let current: Connection | null = null;
  const blocking = blockingConnections({ url: options.url, commandTimeoutMs: timeoutMs, stallMs });
  let closed = false;
  // One warning per outage: muted until Redis answers a command again.
  let outage = false;

  function warn(message: string): void {
    if (outage) return;
    outage = true;
    console.warn(`[thali] redis(tcp): ${message}; further errors muted until Redis answers again`);
  }

  function answered(): void {
    if (!outage) return;
    outage = false;
    console.info('[thali] redis(tcp): Redis is answering again');
  }

  function connect(): Connection {
    // node-redis's own timeout (unwritten commands only) is a backstop at the stall deadline: the
    // starvation-aware deadline below decides first, even when the loop was too busy to write at once.
    const connection = openConnection(options.url, stallMs, (error) => {
      if (connection === current) warn(describeError(error));
    });
    return connection;
  }

  /** Drops a connection whose replies stopped; the next command opens a fresh one. */
  function discard(connection: Connection): void {
    if (current === connection) current = null;
    warn(`no reply for ${stallMs} ms, replacing the connection`);
    connection.client.destroy();
  }

  function run(args: readonly string[]): Promise<Reply> {
    if (closed) return Promise.reject(new Error('Redis store is closed'));
    const connection = (current ??= connect());
    let settled = false;
    const work = waitReady(connection)
      .then(() => connection.client.sendCommand<Reply>(args))
      .finally(() => {
        settled = true;
      });

    const timedOut = (starved = false) => new DeadlineError(`Redis ${args[0]} timed out after ${timeoutMs} ms`, starved);
    return new Promise<Reply>((resolve, reject) => {
      let done = false;
      // Starvation-aware (lib/server/deadline.ts): a reply that arrived while the loop was busy is taken.
      const deadline = startDeadline(
        timeoutMs,
        (starved) => {
          done = true;
          reject(timedOut(starved));
          // Give the connection until the stall deadline to answer; if it has not by then, replace it.
          const check = () => !settled && !closed && current === connection && discard(connection);
          startDeadline(stallMs - timeoutMs, check, () => settled || closed, { unref: true });
        },
        () => done,
      );
      work.then(
        (reply) => {
          answered();
          if (done) return;
          done = true;
          deadline.clear();
          resolve(reply);
        },
        (error: unknown) => {
          if (error instanceof ErrorReply) answered();
          if (done) return;
          done = true;
          deadline.clear();
          reject(error instanceof NodeRedisTimeoutError ? timedOut() : error);
        },
      );
    });
  }

  const call = async <T>(parse: (command: string, reply: Reply) => T, args: readonly string[]): Promise<T> =>
    parse(args[0] ?? '', await run(args));

  return {
    backend: 'tcp',

    ping: () => call(asString, ['PING']),

    get: (key) => call(asNullableString, ['GET', key]),
    set: (key, value, setOptions: SetOptions = {}) => {
      const args = ['SET', key, value];
      if (setOptions.px !== undefined) args.push('PX', String(setOptions.px));
      if (setOptions.nx) args.push('NX');
      if (setOptions.xx) args.push('XX');
      // NX/XX that prevented the write answer nil instead of OK.
      return call((command, reply) => (reply === null ? false : asString(command, reply) === 'OK'), args);
    },
    getdel: (key) => call(asNullableString, ['GETDEL', key]),
    delifeq: (key, value) => call(asBoolean, ['EVAL', DELIFEQ_SCRIPT, '1', key, value]),
    delifheq: (key, field, value, alsoDelete = []) =>
      call(asBoolean, ['EVAL', DELIFHEQ_SCRIPT, String(1 + alsoDelete.length), key, ...alsoDelete, field, value]),
    mget: (keys) =>
      call((command, reply) => {
        if (!Array.isArray(reply)) return unexpected(command, reply);
        return reply.map((item: Reply) => asNullableString(command, item));
      }, ['MGET', ...keys]),
    incr: (key) => call(asInteger, ['INCR', key]),
    incrby: (key, increment) => call(asInteger, ['INCRBY', key, String(increment)]),
    strlen: (key) => call(asInteger, ['STRLEN', key]),

    del: (keys) => call(asInteger, ['DEL', ...keys]),
    exists: (keys) => call(asInteger, ['EXISTS', ...keys]),
    pexpire: (key, milliseconds) => call(asBoolean, ['PEXPIRE', key, String(milliseconds)]),
    pttl: (key) => call(asInteger, ['PTTL', key]),
    ttl: (key) => call(asInteger, ['TTL', key]),
    type: (key) =>
      call((command, reply) => {
        const type = asString(command, reply);
        return REDIS_TYPES.find((known) => known === type) ?? unexpected(command, reply);
      }, ['TYPE', key]),
    rename: (key, newKey) =>
      call((command, reply) => {
        asString(command, reply);
      }, ['RENAME', key, newKey]),
    scan: (cursor, scanOptions: ScanOptions = {}) => {
      const args = ['SCAN', cursor];
      if (scanOptions.match !== undefined) args.push('MATCH', scanOptions.match);
      if (scanOptions.count !== undefined) args.push('COUNT', String(scanOptions.count));
      return call((command, reply) => {
        if (!Array.isArray(reply) || reply.length !== 2) return unexpected(command, reply);
        return { cursor: asString(command, reply[0]), keys: asStringArray(command, reply[1]) };
      }, args);
    },

    hset: (key, fields) => call(asInteger, ['HSET', key, ...Object.entries(fields).flat()]),
    hsetnx: async (key, field, value) => (await call(asInteger, ['HSETNX', key, field, value])) === 1,
    hget: (key, field) => call(asNullableString, ['HGET', key, field]),
    hgetall: (key) =>
      call((command, reply) => {
        return pairsToRecord(asStringArray(command, reply));
      }, ['HGETALL', key]),
    hdel: (key, fields) => call(asInteger, ['HDEL', key, ...fields]),
    hincrby: (key, field, increment) => call(asInteger, ['HINCRBY', key, field, String(increment)]),
    hlen: (key) => call(asInteger, ['HLEN', key]),

    lpush: (key, values) => call(asInteger, ['LPUSH', key, ...values]),
    rpush: (key, values) => call(asInteger, ['RPUSH', key, ...values]),
    lmove: (source, destination, from: ListEnd, to: ListEnd) =>
      call(asNullableString, ['LMOVE', source, destination, from, to]),
    blmove: async (source, destination, from: ListEnd, to: ListEnd, timeoutMs) => {
      const waitMs = waitTimeoutMs('blmove', timeoutMs);
      // Redis takes the timeout in seconds, as a float.
      const args = ['BLMOVE', source, destination, from, to, String(waitMs / 1000)];
      return asNullableString('BLMOVE', await blocking.run(args, waitMs));
    },
    lrange: (key, start, stop) => call(asStringArray, ['LRANGE', key, String(start), String(stop)]),
    lrem: (key, count, value) => call(asInteger, ['LREM', key, String(count), value]),
    ltrim: (key, start, stop) =>
      call((command, reply) => {
        asString(command, reply);
      }, ['LTRIM', key, String(start), String(stop)]),
    llen: (key) => call(asInteger, ['LLEN', key]),

    sadd: (key, members) => call(asInteger, ['SADD', key, ...members]),
    srem: (key, members) => call(asInteger, ['SREM', key, ...members]),
    smembers: (key) => call(asStringArray, ['SMEMBERS', key]),
    sismember: (key, member) => call(asBoolean, ['SISMEMBER', key, member]),
    scard: (key) => call(asInteger, ['SCARD', key]),

    zadd: (key, members: readonly ScoredMember[]) =>
      call(asInteger, ['ZADD', key, ...members.flatMap(({ member, score }) => [formatScore(score), member])]),
    zincrby: (key, increment, member) => call(parseScore, ['ZINCRBY', key, formatScore(increment), member]),
    zscore: (key, member) =>
      call((command, reply) => (reply === null ? null : parseScore(command, reply)), ['ZSCORE', key, member]),
    zrange: (key, start, stop, rangeOptions = {}) => {
      const args = ['ZRANGE', key, String(start), String(stop)];
      if (rangeOptions.rev) args.push('REV');
      args.push('WITHSCORES');
      return call((command, reply) => {
        const flat = asStringArray(command, reply);
        const members: ScoredMember[] = [];
        for (let i = 0; i + 1 < flat.length; i += 2) {
          members.push({ member: flat[i] as string, score: parseScore(command, flat[i + 1]) });
        }
        return members;
      }, args);
    },
    zrem: (key, members) => call(asInteger, ['ZREM', key, ...members]),
    zcard: (key) => call(asInteger, ['ZCARD', key]),

    async close() {
      if (closed) return;
      closed = true;
      // A wait has nothing to drain: ending it now is the point (its caller gets an error).
      blocking.close();
      const connection = current;
      current = null;
      if (!connection) return;
      if (connection.client.isReady) {
        // Let in-flight replies drain, but never wait on a Redis that has stopped answering.
        let timer: NodeJS.Timeout | undefined;
        const grace = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, CLOSE_GRACE_MS);
        });
        await Promise.race([connection.client.close().catch(() => {}), grace]);
        clearTimeout(timer);
      }
      connection.client.destroy();
    },
  };
}
