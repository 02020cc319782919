import 'server-only';

import { Redis } from '@upstash/redis';

import { DeadlineError, deadlineSignal, withDeadline } from '@/lib/server/deadline';

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
import type { ListEnd, RedisStore, ScanOptions, ScoredMember, SetOptions } from './types';

/**
 * RedisStore over Upstash's REST API. The SDK's auto-pipelining stays on (commands issued in the same tick
 * share one HTTP request), but its JSON auto-parsing is off: values are ours to parse, and with it off every
 * reply arrives in the raw REST shape (flat arrays, string scores), which is what the parsers below expect.
 */

const DEFAULT_TIMEOUT_MS = 150;

/** JSON has no Infinity or NaN (both become null), so they travel in Redis's own spelling. */
function formatScore(score: number): string | number {
  if (Number.isFinite(score)) return score;
  if (Number.isNaN(score)) return 'nan';
  return score > 0 ? '+inf' : '-inf';
}

/**
 * The SDK decorates Redis's error text ("Command failed: …", "…, command was: [args]"); the latter would
 * also copy keys and values into logs. Keep Redis's own words, and name timeouts plainly.
 */
function normalizeError(error: unknown, command: string, timeoutMs: number): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  // An aborted request rejects with the signal's reason: a DeadlineError that knows whether it was starved.
  const deadline = error instanceof DeadlineError ? error : error.cause instanceof DeadlineError ? error.cause : undefined;
  if (deadline) return new DeadlineError(`Upstash ${command} timed out after ${timeoutMs} ms`, deadline.starved);
  if (error.name === 'TimeoutError' || error.name === 'AbortError') {
    return new Error(`Upstash ${command} timed out after ${timeoutMs} ms`);
  }
  if (error.name === 'UpstashError') {
    const message = error.message.replace(/^Command failed: /, '').replace(/, command was: [\s\S]*$/, '');
    return new Error(message, { cause: error });
  }
  // fetch() says only "fetch failed"; the reason (ECONNREFUSED, …) is on its cause.
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const detail = (cause as NodeJS.ErrnoException | undefined)?.code ?? cause?.message;
  return detail ? new Error(`Upstash request failed: ${error.message} (${detail})`, { cause: error }) : error;
}

export function createUpstashStore(options: { url: string; token: string; commandTimeoutMs?: number }): RedisStore {
  const timeoutMs = options.commandTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const redis = new Redis({
    url: options.url,
    token: options.token,
    automaticDeserialization: false,
    enableTelemetry: false,
    // `retry: false` still allows one immediate retry in this SDK version; zero retries means one attempt.
    retry: { retries: 0, backoff: () => 0 },
    // Called per HTTP request, so each request gets its own budget and is torn down when it runs out
    // (a starvation-aware one: lib/server/deadline.ts).
    signal: () => deadlineSignal(timeoutMs, 'Upstash request'),
  });
  let closed = false;

  /** Runs one command within the budget; the timer also covers the SDK's own queueing (auto-pipelining). */
  async function call<T>(
    command: string,
    parse: (command: string, reply: Reply) => T,
    send: () => Promise<Reply>,
  ): Promise<T> {
    if (closed) throw new Error('Redis store is closed');
    let reply: Reply;
    try {
      reply = await withDeadline(send(), timeoutMs, `Upstash ${command}`);
    } catch (error) {
      throw normalizeError(error, command, timeoutMs);
    }
    return parse(command, reply);
  }

  /** Sends a command exactly as written, for what the typed API would reshape (NX with XX, empty lists, ±inf). */
  const raw = (args: [string, ...(string | number)[]]) => () => redis.exec<Reply>(args);

  const lower = (end: ListEnd) => (end === 'LEFT' ? 'left' : 'right');

  return {
    backend: 'upstash',

    ping: () => call('PING', asString, () => redis.ping()),

    get: (key) => call('GET', asNullableString, () => redis.get<string>(key)),
    set: (key, value, { px, nx, xx }: SetOptions = {}) => {
      const parse = (command: string, reply: Reply) => (reply === null ? false : asString(command, reply) === 'OK');
      if (nx && xx) {
        // Sent as written so Redis answers its syntax error; the typed set() would silently drop XX.
        const args: [string, ...(string | number)[]] = ['SET', key, value];
        if (px !== undefined) args.push('PX', px);
        return call('SET', parse, raw([...args, 'NX', 'XX']));
      }
      // The typed command joins the SDK's auto-pipeline, so a burst of writes shares HTTP requests.
      const condition = nx ? { nx: true as const } : xx ? { xx: true as const } : {};
      const options = px === undefined ? condition : { ...condition, px };
      return call('SET', parse, () => redis.set(key, value, options));
    },
    getdel: (key) => call('GETDEL', asNullableString, () => redis.getdel<string>(key)),
    delifeq: (key, value) => call('EVAL', asBoolean, () => redis.eval<[string], Reply>(DELIFEQ_SCRIPT, [key], [value])),
    delifheq: (key, field, value, alsoDelete = []) =>
      call('EVAL', asBoolean, () => redis.eval<[string, string], Reply>(DELIFHEQ_SCRIPT, [key, ...alsoDelete], [field, value])),
    mget: (keys) =>
      call(
        'MGET',
        (command, reply) => {
          if (!Array.isArray(reply)) return unexpected(command, reply);
          return reply.map((item: Reply) => asNullableString(command, item));
        },
        () => redis.mget<Reply[]>(...keys),
      ),
    incr: (key) => call('INCR', asInteger, () => redis.incr(key)),
    incrby: (key, increment) => call('INCRBY', asInteger, () => redis.incrby(key, increment)),
    strlen: (key) => call('STRLEN', asInteger, () => redis.strlen(key)),

    del: (keys) => call('DEL', asInteger, () => redis.del(...keys)),
    exists: (keys) => call('EXISTS', asInteger, () => redis.exists(...keys)),
    pexpire: (key, milliseconds) => call('PEXPIRE', asBoolean, () => redis.pexpire(key, milliseconds)),
    pttl: (key) => call('PTTL', asInteger, () => redis.pttl(key)),
    ttl: (key) => call('TTL', asInteger, () => redis.ttl(key)),
    type: (key) =>
      call(
        'TYPE',
        (command, reply) => {
          const type = asString(command, reply);
          return REDIS_TYPES.find((known) => known === type) ?? unexpected(command, reply);
        },
        () => redis.type(key),
      ),
    rename: (key, newKey) =>
      call(
        'RENAME',
        (command, reply) => {
          asString(command, reply);
        },
        () => redis.rename(key, newKey),
      ),
    scan: (cursor, scanOptions: ScanOptions = {}) => {
      // SCAN never joins an auto-pipeline, so a raw call costs nothing and keeps MATCH "" and COUNT 0 as given.
      const args: [string, ...(string | number)[]] = ['SCAN', cursor];
      if (scanOptions.match !== undefined) args.push('MATCH', scanOptions.match);
      if (scanOptions.count !== undefined) args.push('COUNT', scanOptions.count);
      return call(
        'SCAN',
        (command, reply) => {
          if (!Array.isArray(reply) || reply.length !== 2) return unexpected(command, reply);
          const next: Reply = reply[0];
          // The cursor is a string on the wire; tolerate a number, as some REST replies carry one.
          const nextCursor = typeof next === 'number' ? String(next) : asString(command, next);
          return { cursor: nextCursor, keys: asStringArray(command, reply[1]) };
        },
        raw(args),
      );
    },

    hset: (key, fields) => call('HSET', asInteger, () => redis.hset(key, { ...fields })),
    hsetnx: async (key, field, value) => (await call('HSETNX', asInteger, () => redis.hsetnx(key, field, value))) === 1,
    hget: (key, field) => call('HGET', asNullableString, () => redis.hget<string>(key, field)),
    hgetall: (key) =>
      call(
        'HGETALL',
        (command, reply) => {
          // Flat [field, value, …] on the wire; an SDK that maps it first would hand over an object.
          if (reply === null) return {};
          if (!Array.isArray(reply)) {
            if (typeof reply !== 'object') return unexpected(command, reply);
            return Object.fromEntries(Object.entries(reply).map(([k, v]: [string, Reply]) => [k, asString(command, v)]));
          }
          return pairsToRecord(asStringArray(command, reply));
        },
        () => redis.hgetall(key),
      ),
    hdel: (key, fields) => call('HDEL', asInteger, () => redis.hdel(key, ...fields)),
    hincrby: (key, field, increment) => call('HINCRBY', asInteger, () => redis.hincrby(key, field, increment)),
    hlen: (key) => call('HLEN', asInteger, () => redis.hlen(key)),

    lpush: (key, values) => call('LPUSH', asInteger, () => redis.lpush(key, ...values)),
    rpush: (key, values) => call('RPUSH', asInteger, () => redis.rpush(key, ...values)),
    lmove: (source, destination, from, to) =>
      call('LMOVE', asNullableString, () => redis.lmove<Reply>(source, destination, lower(from), lower(to))),
    lrange: (key, start, stop) => call('LRANGE', asStringArray, () => redis.lrange<Reply>(key, start, stop)),
    lrem: (key, count, value) => call('LREM', asInteger, () => redis.lrem(key, count, value)),
    ltrim: (key, start, stop) =>
      call(
        'LTRIM',
        (command, reply) => {
          asString(command, reply);
        },
        () => redis.ltrim(key, start, stop),
      ),
    llen: (key) => call('LLEN', asInteger, () => redis.llen(key)),

    sadd: (key, members) => {
      const [first, ...rest] = members;
      return call('SADD', asInteger, first === undefined ? raw(['SADD', key]) : () => redis.sadd(key, first, ...rest));
    },
    srem: (key, members) => call('SREM', asInteger, () => redis.srem(key, ...members)),
    smembers: (key) => call('SMEMBERS', asStringArray, () => redis.smembers<Reply[]>(key)),
    sismember: (key, member) => call('SISMEMBER', asBoolean, () => redis.sismember(key, member)),
    scard: (key) => call('SCARD', asInteger, () => redis.scard(key)),

    zadd: (key, members: readonly ScoredMember[]) => {
      const [first, ...rest] = members;
      if (first === undefined || members.some(({ score }) => !Number.isFinite(score))) {
        const pairs = members.flatMap(({ member, score }) => [formatScore(score), member]);
        return call('ZADD', asInteger, raw(['ZADD', key, ...pairs]));
      }
      return call('ZADD', asInteger, () => redis.zadd(key, first, ...rest));
    },
    zincrby: (key, increment, member) =>
      call(
        'ZINCRBY',
        parseScore,
        Number.isFinite(increment)
          ? () => redis.zincrby(key, increment, member)
          : raw(['ZINCRBY', key, formatScore(increment), member]),
      ),
    zscore: (key, member) =>
      call('ZSCORE', (command, reply) => (reply === null ? null : parseScore(command, reply)), () => redis.zscore(key, member)),
    zrange: (key, start, stop, rangeOptions = {}) =>
      call(
        'ZRANGE',
        (command, reply) => {
          if (!Array.isArray(reply)) return unexpected(command, reply);
          const members: ScoredMember[] = [];
          for (let i = 0; i + 1 < reply.length; i += 2) {
            members.push({ member: asString(command, reply[i]), score: parseScore(command, reply[i + 1]) });
          }
          return members;
        },
        () => redis.zrange<Reply[]>(key, start, stop, { rev: rangeOptions.rev, withScores: true }),
      ),
    zrem: (key, members) => call('ZREM', asInteger, () => redis.zrem(key, ...members)),
    zcard: (key) => call('ZCARD', asInteger, () => redis.zcard(key)),

    // HTTP holds no connection to release; in-flight requests end on their own deadlines.
    async close() {
      closed = true;
    },
  };
}
