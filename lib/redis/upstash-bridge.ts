import 'server-only';

import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { createClient, ErrorReply, MultiErrorReply, RESP_TYPES } from 'redis';

import { stripKeyLocking } from './script-flags';

/**
 * An Upstash-REST-compatible server in front of a real Redis, so the Upstash driver (and
 * @upstash/ratelimit) can be exercised without the cloud (docs/decisions/001).
 * One shared Redis connection serves every request, so commands that would change or block that
 * connection's state are refused.
 */

export interface UpstashBridge {
  url: string;
  token: string;
  close(): Promise<void>;
}

type Json = string | number | null | Json[] | { [key: string]: Json };
type Command = [string, ...string[]];
type Outcome = { result: Json } | { error: string };

const MAX_BODY_BYTES = 10 * 1024 * 1024;

const REFUSED = new Set(
  [
    ...['MULTI', 'EXEC', 'DISCARD', 'WATCH', 'UNWATCH', 'SELECT', 'SWAPDB', 'QUIT', 'RESET', 'HELLO', 'AUTH'],
    ...['SUBSCRIBE', 'PSUBSCRIBE', 'SSUBSCRIBE', 'UNSUBSCRIBE', 'PUNSUBSCRIBE', 'SUNSUBSCRIBE', 'MONITOR', 'CLIENT'],
    ...['BLPOP', 'BRPOP', 'BLMOVE', 'BRPOPLPUSH', 'BLMPOP', 'BZPOPMIN', 'BZPOPMAX', 'BZMPOP', 'WAIT', 'WAITAOF'],
  ].map((name) => name.toUpperCase()),
);

/** A request the bridge rejects itself; reported like a Redis error (HTTP 400). */
class CommandError extends Error {}

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/** Upstash-Encoding: base64 encodes every string (bulk or simple) except a top-level "OK". */
function toJson(reply: unknown, base64: boolean, topLevel: boolean): Json {
  if (reply === null || reply === undefined) return null;
  if (Buffer.isBuffer(reply)) return base64 ? reply.toString('base64') : reply.toString('utf8');
  if (typeof reply === 'string') {
    if (!base64 || (topLevel && reply === 'OK')) return reply;
    return Buffer.from(reply, 'utf8').toString('base64');
  }
  if (typeof reply === 'number') return reply;
  if (typeof reply === 'bigint') return Number.isSafeInteger(Number(reply)) ? Number(reply) : String(reply);
  if (typeof reply === 'boolean') return reply ? 1 : 0;
  if (reply instanceof ErrorReply) return reply.message;
  if (Array.isArray(reply) || reply instanceof Set) return [...reply].map((item: unknown) => toJson(item, base64, false));
  // The SDK never decodes objects, so map replies travel flattened to [field, value, …].
  const entries = reply instanceof Map ? [...reply.entries()] : Object.entries(reply);
  return entries.flatMap(([key, value]: [unknown, unknown]) => [toJson(key, base64, false), toJson(value, base64, false)]);
}

function toCommand(value: unknown): Command {
  if (!Array.isArray(value) || value.length === 0) throw new CommandError('ERR expected a non-empty JSON array command');
  const args = value.map((arg: unknown) => {
    if (typeof arg === 'string') return arg;
    if (typeof arg === 'number' || typeof arg === 'boolean') return String(arg);
    throw new CommandError(`ERR unsupported argument ${JSON.stringify(arg)}: send strings, numbers or booleans`);
  });
  return args as Command;
}

function toCommands(value: unknown): Command[] {
  if (!Array.isArray(value) || value.length === 0) throw new CommandError('ERR expected a non-empty JSON array of commands');
  return value.map(toCommand);
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new CommandError('ERR request body too large'));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const expected = Buffer.from(`Bearer ${token}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startUpstashBridge(options: {
  redisUrl: string;
  token: string;
  port?: number;
  host?: string;
}): Promise<UpstashBridge> {
  const host = options.host ?? '127.0.0.1';
  let connected = false;
  const client = createClient({
    url: options.redisUrl,
    RESP: 2,
    // Bulk strings as Buffers (bytes survive base64 intact), simple strings as strings: that is how a
    // top-level status "OK" is told apart from a stored value.
    commandOptions: { typeMapping: { [RESP_TYPES.BLOB_STRING]: Buffer } },
    socket: {
      connectTimeout: 2_000,
      // Fail start-up at once when Redis is not there; once up, ride out restarts.
      reconnectStrategy: (retries: number, cause: Error) => (connected ? Math.min(100 * 2 ** retries, 2_000) : cause),
    },
  });
  let warned = false;
  client.on('error', (error: Error) => {
    if (connected && !warned) console.warn(`[upstash-bridge] redis: ${error.message || error.name}`);
    warned = true;
  });
  client.on('ready', () => {
    connected = true;
    warned = false;
  });
  try {
    await client.connect();
  } catch (error) {
    client.destroy();
    throw new Error(`Upstash bridge cannot reach Redis at ${options.redisUrl}: ${String(error)}`, { cause: error });
  }

  // sha1(script as sent) → sha1(script as run), so EVALSHA with the library's hard-coded SHAs finds them.
  const shas = new Map<string, string>();

  function prepare(command: Command): { args: Command; reply?: (raw: unknown) => unknown } {
    const name = command[0].toUpperCase();
    if (REFUSED.has(name)) throw new CommandError(`ERR ${name} is not supported by the Upstash bridge`);
    const args: Command = [...command];
    if ((name === 'EVAL' || name === 'EVAL_RO') && args[1] !== undefined) {
      const stripped = stripKeyLocking(args[1]);
      if (stripped !== null) {
        shas.set(sha1(args[1]), sha1(stripped));
        args[1] = stripped;
      }
    } else if ((name === 'EVALSHA' || name === 'EVALSHA_RO') && args[1] !== undefined) {
      args[1] = shas.get(args[1].toLowerCase()) ?? args[1];
    } else if (name === 'SCRIPT' && args[1]?.toUpperCase() === 'LOAD' && args[2] !== undefined) {
      const original = args[2];
      const stripped = stripKeyLocking(original);
      if (stripped !== null) {
        shas.set(sha1(original), sha1(stripped));
        args[2] = stripped;
        // Answer with the SHA the caller computed, which the map resolves on EVALSHA.
        return { args, reply: () => sha1(original) };
      }
    } else if (name === 'SCRIPT' && args[1]?.toUpperCase() === 'EXISTS') {
      for (let i = 2; i < args.length; i++) args[i] = shas.get((args[i] as string).toLowerCase()) ?? (args[i] as string);
    }
    return { args };
  }

  async function execute(command: Command, base64: boolean): Promise<Json> {
    const { args, reply } = prepare(command);
    const raw = await client.sendCommand<unknown>(args);
    return toJson(reply ? reply(raw) : raw, base64, true);
  }

  const outcome = (promise: Promise<Json>): Promise<Outcome> =>
    promise.then(
      (result) => ({ result }),
      (error: unknown) => {
        if (error instanceof ErrorReply || error instanceof CommandError) return { error: error.message };
        throw error;
      },
    );

  async function multiExec(commands: Command[], base64: boolean): Promise<Outcome[]> {
    const prepared = commands.map(prepare);
    const multi = client.multi();
    for (const { args } of prepared) multi.addCommand(args);
    let replies: unknown[];
    try {
      replies = await multi.exec();
    } catch (error) {
      // Errors raised while running (not queueing) stay in place, next to the other results.
      if (!(error instanceof MultiErrorReply)) throw error;
      replies = error.replies;
    }
    return replies.map((raw, i) => {
      if (raw instanceof ErrorReply) return { error: raw.message };
      const reply = prepared[i]?.reply;
      return { result: toJson(reply ? reply(raw) : raw, base64, true) };
    });
  }

  async function respond(request: http.IncomingMessage): Promise<[number, Json | Outcome | Outcome[]]> {
    if (request.method !== 'POST') return [405, { error: 'ERR only POST is supported' }];
    if (!tokenMatches(request.headers.authorization, options.token)) {
      request.resume();
      return [401, { error: 'Unauthorized' }];
    }
    const format = request.headers['upstash-response-format'];
    if (typeof format === 'string' && format.toLowerCase() !== 'json') {
      request.resume();
      return [400, { error: `ERR Upstash-Response-Format ${format} is not supported by the bridge` }];
    }
    const base64 = String(request.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';
    let body: unknown;
    try {
      body = JSON.parse(await readBody(request));
    } catch (error) {
      if (error instanceof CommandError) return [413, { error: error.message }];
      return [400, { error: 'ERR request body is not valid JSON' }];
    }
    const path = new URL(request.url ?? '/', 'http://bridge').pathname.replace(/\/+$/, '') || '/';
    try {
      if (path === '/') {
        const single = await outcome(execute(toCommand(body), base64));
        return ['error' in single ? 400 : 200, single];
      }
      if (path === '/pipeline') {
        return [200, await Promise.all(toCommands(body).map((command) => outcome(execute(command, base64))))];
      }
      if (path === '/multi-exec') return [200, await multiExec(toCommands(body), base64)];
      return [404, { error: `ERR unknown path ${path}` }];
    } catch (error) {
      if (error instanceof ErrorReply || error instanceof CommandError) return [400, { error: error.message }];
      throw error;
    }
  }

  const server = http.createServer((request, response) => {
    const syncToken = request.headers['upstash-sync-token'];
    respond(request)
      .catch((error: unknown): [number, Json] => [500, { error: `ERR bridge failure: ${String(error)}` }])
      .then(([status, payload]) => {
        if (typeof syncToken === 'string') response.setHeader('upstash-sync-token', syncToken);
        response.writeHead(status, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(payload));
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    token: options.token,
    async close() {
      // Keep-alive sockets from fetch would hold server.close() open; end them too.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await Promise.race([client.close(), new Promise((resolve) => setTimeout(resolve, 500))]).catch(() => {});
      client.destroy();
    },
  };
}
