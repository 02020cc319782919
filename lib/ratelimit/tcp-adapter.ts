import 'server-only';

import { createHash } from 'node:crypto';

import { createNodeRedisClient, type NodeRedisClient } from '@/lib/redis/node-redis-client';
import { stripKeyLocking } from '@/lib/redis/script-flags';

/**
 * What @upstash/ratelimit needs from its `redis` object for the single-region limiters without
 * analytics, deny lists or dynamic limits: `evalsha`, and `eval` when the script isn't loaded yet.
 */
export interface ScriptRedis {
  evalsha(sha: string, keys: readonly string[], args: readonly unknown[]): Promise<unknown>;
  eval(script: string, keys: readonly string[], args: readonly unknown[]): Promise<unknown>;
}

export type SendCommand = (args: string[]) => Promise<unknown>;

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/** Redis takes strings; the library passes numbers (and a null the reset script ignores). */
const asArgument = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/**
 * The library calls `evalsha(sha1(original))`, and on NOSCRIPT `eval(original)`. The original can
 * never be loaded into Redis, so EVAL runs the stripped script and remembers sha1(original) →
 * sha1(stripped); from then on each EVALSHA is rewritten and a limit() is one round trip. After a
 * SCRIPT FLUSH or a failover Redis answers NOSCRIPT again and the library's EVAL reloads it.
 */
export function createScriptAdapter(send: SendCommand): ScriptRedis {
  const runnable = new Map<string, string>();
  const tail = (keys: readonly string[], args: readonly unknown[]) => [String(keys.length), ...keys, ...args.map(asArgument)];
  return {
    evalsha: (sha, keys, args) => send(['EVALSHA', runnable.get(sha.toLowerCase()) ?? sha, ...tail(keys, args)]),
    eval: (script, keys, args) => {
      const stripped = stripKeyLocking(script);
      if (stripped !== null) runnable.set(sha1(script), sha1(stripped));
      return send(['EVAL', stripped ?? script, ...tail(keys, args)]);
    },
  };
}

/** A reply this late means the connection is dead, not Redis slow: replace it. */
const STALL_MS = 2_000;

type Client = NodeRedisClient;

interface Connection {
  client: Client;
  /** The first connect attempt, so calls made while it runs wait for it rather than fail. */
  firstReady: Promise<void>;
  lastError: Error | null;
}

export interface TcpScriptRedis extends ScriptRedis {
  close(): Promise<void>;
}

/**
 * The limiter's own node-redis connection (not the cache driver's): its calls carry their own
 * budget, and a backlog of cache commands never delays a rate-limit decision.
 */
export function createTcpScriptRedis(url: string): TcpScriptRedis {
  let current: Connection | null = null;
  let closed = false;

  function connect(): Connection {
    const client = createNodeRedisClient(url);
    let settle: (error?: Error) => void = () => {};
    const firstReady = new Promise<void>((resolve, reject) => {
      settle = (error) => (error ? reject(error) : resolve());
    });
    firstReady.catch(() => {});
    const connection: Connection = { client, firstReady, lastError: null };
    // Without a listener node-redis would crash the process; outages are logged by the limiter.
    client.on('error', (error: Error) => {
      connection.lastError = error;
      settle(error);
    });
    client.on('ready', () => {
      connection.lastError = null;
      settle();
    });
    client.connect().catch(() => {});
    return connection;
  }

  const send: SendCommand = async (args) => {
    if (closed) throw new Error('rate-limit Redis client is closed');
    const connection = (current ??= connect());
    if (!connection.client.isReady) {
      if (connection.lastError) throw new Error(`Redis unavailable: ${connection.lastError.message || connection.lastError.name}`);
      await connection.firstReady;
    }
    const stall = setTimeout(() => {
      if (current !== connection) return;
      current = null;
      connection.client.destroy();
    }, STALL_MS);
    stall.unref();
    try {
      return await connection.client.sendCommand(args);
    } finally {
      clearTimeout(stall);
    }
  };

  return {
    ...createScriptAdapter(send),
    async close() {
      closed = true;
      const connection = current;
      current = null;
      connection?.client.destroy();
    },
  };
}
