import { z } from 'zod';

import { singletons } from '@/lib/server/singletons';

/**
 * The only module that reads process.env. It is parsed lazily, on first use at server start
 * (instrumentation.ts), never at import time, so `next build` needs no configuration.
 */

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    VERCEL: optionalString,
    DATABASE_URL: optionalString.pipe(
      z.url({ protocol: /^postgres(ql)?$/, message: 'must be a postgres:// or postgresql:// URL' }).optional(),
    ),
    PGLITE_DIR: optionalString,
    REDIS_URL: optionalString.pipe(
      z.url({ protocol: /^rediss?$/, message: 'must be a redis:// or rediss:// URL' }).optional(),
    ),
    UPSTASH_REDIS_REST_URL: optionalString.pipe(
      z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
    ),
    UPSTASH_REDIS_REST_TOKEN: optionalString,
    REDIS_KEY_PREFIX: optionalString.pipe(
      z
        .string()
        .max(64)
        .regex(/^[a-z0-9][a-z0-9:_-]*$/, 'must be lowercase letters, digits, ":", "_" or "-"')
        // Always end with a separator so "preview" and "preview:" name the same namespace.
        .transform((prefix) => (prefix.endsWith(':') ? prefix : `${prefix}:`))
        .optional(),
    ),
    /** Per-command budget before a Redis call is abandoned and the read goes to Postgres. */
    REDIS_TIMEOUT_MS: positiveInt(150),
    /** Menu/listing cache lifetime, before jitter. */
    CACHE_TTL_SECONDS: positiveInt(300),
  })
  .superRefine((env, ctx) => {
    const hasUrl = env.UPSTASH_REDIS_REST_URL !== undefined;
    const hasToken = env.UPSTASH_REDIS_REST_TOKEN !== undefined;
    if (hasUrl !== hasToken) {
      ctx.addIssue({
        code: 'custom',
        path: [hasUrl ? 'UPSTASH_REDIS_REST_TOKEN' : 'UPSTASH_REDIS_REST_URL'],
        message: 'UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN must be set together',
      });
    }
    if (env.VERCEL) {
      if (!env.DATABASE_URL) {
        ctx.addIssue({
          code: 'custom',
          path: ['DATABASE_URL'],
          message: 'the embedded PGlite database cannot run on Vercel: set DATABASE_URL to a Postgres URL',
        });
      }
      if (!hasUrl && !env.REDIS_URL) {
        ctx.addIssue({
          code: 'custom',
          path: ['UPSTASH_REDIS_REST_URL'],
          message:
            'the in-process Redis store cannot run on Vercel: set UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN (or REDIS_URL)',
        });
      }
    }
  });

export type Env = z.infer<typeof schema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

export function getEnv(): Env {
  const shared = singletons();
  shared.env ??= parseEnv(process.env);
  return shared.env;
}

export type DatabaseBackend = 'postgres' | 'pglite';
export type RedisBackendChoice = 'upstash' | 'tcp' | 'memory';

export function databaseBackend(env: Env = getEnv()): DatabaseBackend {
  return env.DATABASE_URL ? 'postgres' : 'pglite';
}

export function redisBackend(env: Env = getEnv()): RedisBackendChoice {
  if (env.UPSTASH_REDIS_REST_URL) return 'upstash';
  if (env.REDIS_URL) return 'tcp';
  return 'memory';
}
