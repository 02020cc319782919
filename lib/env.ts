import { randomBytes } from 'node:crypto';

import { z } from 'zod';

import { singletons } from '@/lib/server/singletons';

declare module '@/lib/server/singletons' {
  interface ProcessSingletons {
    env?: Env;
    /** Production's OTP key on the in-process store (see otpSecret). */
    otpSecret?: string;
  }
}

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

/** Not trimmed: leading or trailing spaces in a password are part of it. */
const optionalSecret = z
  .string()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** The embedded development database's admin when none is configured; refused in production. */
export const DEMO_ADMIN = { email: 'admin@thali.dev', password: 'thali-demo-admin' } as const;

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    VERCEL: optionalString,
    /** Set to `serve.mjs` by scripts/serve.mjs, the server `npm start` and `npm run dev` run (decision 046). */
    THALI_SERVED_BY: optionalString,
    DATABASE_URL: optionalString.pipe(
      z.url({ protocol: /^postgres(ql)?$/, message: 'must be a postgres:// or postgresql:// URL' }).optional(),
    ),
    PGLITE_DIR: optionalString,
    /** How long a request's connection to Postgres may take to open (not migrations and the seed). */
    DATABASE_CONNECT_TIMEOUT_MS: positiveInt(5_000),
    /**
     * Postgres's statement_timeout on requests' connections; the client also gives up 1 s after it
     * (a frozen server never fires its own). 0: none, for poolers that refuse startup parameters.
     */
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(5_000),
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
    /**
     * How long a page waits on Postgres for a part it can leave out (the menu page's views line and
     * favourite count) when Redis has no copy; after it, the part is left out for this request.
     */
    OPTIONAL_READ_TIMEOUT_MS: positiveInt(250),
    /** Menu/listing cache lifetime, before jitter. */
    CACHE_TTL_SECONDS: positiveInt(300),
    /** How often the counter flush job is enqueued (run by whatever runs jobs); 0: off (schedule `npm run counters:flush`). */
    COUNTER_FLUSH_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(60),
    /** The admin `npm run db:seed` (and the embedded database at start) creates or updates. */
    ADMIN_EMAIL: optionalString.pipe(
      z.email({ message: 'must be an email address' }).transform((email) => email.toLowerCase()).optional(),
    ),
    ADMIN_PASSWORD: optionalSecret.pipe(
      z.string().min(12, 'must be at least 12 characters').max(256, 'must be at most 256 characters').optional(),
    ),
    /** Idle lifetime of a session, an admin's or a customer's: each use within it extends it again. */
    SESSION_TTL_HOURS: z.coerce.number().int().positive().max(168, 'must be at most 168 (a week)').default(8),
    /**
     * Who may tell the app the client's address (lib/ratelimit/client-identity.ts): `none` (the socket
     * address), `vercel`, or how many reverse proxies stand in front. Unset: `vercel` on Vercel, else
     * `none`. scripts/serve.mjs parses it the same way, before Next starts.
     */
    TRUSTED_PROXIES: optionalString.pipe(
      z
        .union([z.enum(['none', 'vercel']), z.string().regex(/^[1-9]$/).transform(Number)], {
          message: 'must be none, vercel, or the number of reverse proxies in front of the server (1-9)',
        })
        .optional(),
    ),
    /** Per-IP budgets of the `api` and `page` rate-limit policies (lib/ratelimit/policies.ts). */
    RATE_LIMIT_API_PER_MINUTE: positiveInt(120),
    RATE_LIMIT_PAGE_PER_MINUTE: positiveInt(600),
    /** How long a rate-limit decision waits for Redis before the policy's fallback answers. */
    RATE_LIMIT_TIMEOUT_MS: positiveInt(100),
    /**
     * Key of the HMAC that OTP codes are stored under (lib/customers/otp.ts). Required in production
     * with a shared Redis, where every instance must verify what another sent; on the in-process store
     * (one instance) production uses a random per-process key; development and tests a published one.
     */
    OTP_SECRET: optionalSecret.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    /** Where sign-in codes and order messages go: `outbox` (a demo outbox at /dev/outbox) or `twilio` (lib/sms/twilio.ts). */
    /** No default in production with a shared Redis: a deployment must choose to show codes on screen (superRefine below). */
    SMS_SENDER: optionalString.pipe(z.enum(['outbox', 'twilio'], { message: 'must be outbox or twilio' }).optional()),
    /** Twilio's Messages API (SMS_SENDER=twilio): the account, its auth token, and a sender number or messaging service. */
    TWILIO_ACCOUNT_SID: optionalString.pipe(z.string().regex(/^AC[0-9a-f]{32}$/, 'must be AC followed by 32 hex digits').optional()),
    TWILIO_AUTH_TOKEN: optionalSecret.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
    TWILIO_FROM: optionalString.pipe(z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be a number in E.164 form, e.g. +15005550006').optional()),
    TWILIO_MESSAGING_SERVICE_SID: optionalString.pipe(z.string().regex(/^MG[0-9a-f]{32}$/, 'must be MG followed by 32 hex digits').optional()),
    /** Where Twilio's API is: only tests point it elsewhere (a local fake). */
    TWILIO_API_BASE_URL: optionalString.pipe(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional()).transform(
      (url) => (url ?? 'https://api.twilio.com').replace(/\/+$/, ''),
    ),
    /**
     * Global cap on texts sent per IST day, across instances: a backstop for the SMS bill, set above
     * what the per-address limits let a few hundred addresses send (docs/decisions/011-…).
     */
    SMS_DAILY_CAP: positiveInt(20_000),
    /**
     * New visitor ids one address may be issued per hour (`views:new-visitor` policy; an address block
     * five times that): each can count one view per restaurant and hour.
     */
    RATE_LIMIT_NEW_VISITORS_PER_HOUR: positiveInt(30),
    /** New guest carts one address may start per hour (`cart:new-guest` policy, lib/cart/guest.ts; an address block twenty times that). */
    RATE_LIMIT_NEW_GUEST_CARTS_PER_HOUR: positiveInt(30),
    /**
     * New guest carts one address may start per day (`cart:new-guest:day`; an address block twenty
     * times that): a cart lives up to a day after its id, so this bounds what one address holds.
     */
    RATE_LIMIT_NEW_GUEST_CARTS_PER_DAY: positiveInt(120),
    /**
     * Searches one address may make per minute that miss the cache, each a Postgres query
     * (`search:loaded` policy, lib/search/cached.ts; an address block five times that); hits are never refused.
     */
    RATE_LIMIT_SEARCHES_LOADED_PER_MINUTE: positiveInt(30),
    /**
     * Searches one address may add to the cache per minute, about what it can hold there at once (an
     * entry lives 60 s) (`search:stored` policy, lib/search/cached.ts; an address block five times
     * that); past it a search is still answered, from Postgres, and not stored.
     */
    RATE_LIMIT_NEW_SEARCHES_PER_MINUTE: positiveInt(10),
    /** Orders one customer may place per hour (lib/orders/checkout.ts counts them in Postgres): each sends up to five texts. */
    RATE_LIMIT_ORDERS_PER_HOUR: positiveInt(20),
    /** ...and per 24 hours, so the hourly budget can't be spent all day (480 orders, 2,400 texts). */
    RATE_LIMIT_ORDERS_PER_DAY: positiveInt(40),
    /**
     * Orders placed from one client address per 24 hours, whichever customers place them (`orders:ip:day`;
     * an address block five times as many): accounts are cheap to gather, and each may place the budgets above.
     */
    RATE_LIMIT_ORDERS_PER_IP_PER_DAY: positiveInt(120),
    /** Codes one address may request per hour and per day (`otp:ip:*`; an address block five times as many). */
    RATE_LIMIT_OTP_PER_IP_PER_HOUR: positiveInt(10),
    RATE_LIMIT_OTP_PER_IP_PER_DAY: positiveInt(30),
    /**
     * Wrong sign-in codes one address may enter per hour and per day, whatever the number, before it
     * is blocked for that long (`otp:wrong:ip:*`; an address block five times as many).
     */
    RATE_LIMIT_OTP_WRONG_PER_IP_PER_HOUR: positiveInt(5),
    RATE_LIMIT_OTP_WRONG_PER_IP_PER_DAY: positiveInt(15),
    /** Folder of uploaded photos when Vercel Blob is not configured (lib/media/local-store.ts). */
    MEDIA_DIR: optionalString.transform((value) => value ?? '.data/media'),
    /** Vercel Blob's read-write token: set, photos are stored in Blob (lib/media/blob-store.ts). */
    BLOB_READ_WRITE_TOKEN: optionalSecret,
    /** Simulated delay between an order's status steps (placed → accepted → … → delivered). */
    ORDER_STEP_DELAY_MS: positiveInt(20_000),
    /** Serves /api/internal/bench/* (exempt from rate limits) for `npm run bench:ratelimit`; never set it in a deployment. */
    ENABLE_BENCH_ROUTES: optionalString.pipe(
      z.enum(['true', 'false', '1', '0'], { message: 'must be true or false' }).optional(),
    ).transform((value) => value === 'true' || value === '1'),
    /**
     * Bearer secret for health details (`/api/health` with counters, `/api/health/ready`), for monitors
     * and benchmarks; an admin session works too. Unset: only admins see them.
     */
    HEALTH_SECRET: optionalSecret.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
    /** Bearer secret of the cron route (`/api/cron/queue`); unset: the route is off (404, lib/queue/cron.ts). */
    CRON_SECRET: optionalSecret.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
    /** How long an idle worker waits on a queue (BLMOVE's timeout, or the sleep between polls over REST) and between maintenance passes. */
    WORKER_POLL_MS: positiveInt(1_000),
    /** Deliveries of a failing job before it is dead-lettered. */
    QUEUE_MAX_ATTEMPTS: z.coerce.number().int().positive().max(50, 'must be at most 50').default(5),
    /** A claimed job whose worker has not renewed its lease for this long goes back to the queue. */
    QUEUE_VISIBILITY_TIMEOUT_MS: z.coerce.number().int().min(1_000, 'must be at least 1000').default(30_000),
    /** First retry delay; each further retry doubles it (at most an hour). */
    QUEUE_BACKOFF_BASE_MS: positiveInt(1_000),
    /**
     * Serve home, city and menu pages to visitors without a session or a cart from the shared page
     * cache (docs/decisions/046). Unset: on under scripts/serve.mjs (`npm start`, `npm run dev`), off
     * elsewhere: on Vercel the platform keeps rendered pages in its own cache, and under a bare
     * `next start` nothing strips the `_rsc` text Next would write into a page shared with everyone.
     */
    PAGE_CACHE: optionalString.pipe(
      z.enum(['true', 'false', '1', '0'], { message: 'must be true or false' }).optional(),
    ).transform((value) => (value === undefined ? undefined : value === 'true' || value === '1')),
    /**
     * After a response that enqueued a job, run a few jobs in the same invocation (`after()`). Unset:
     * on when VERCEL is set (no long-lived worker there), off elsewhere.
     */
    QUEUE_DRAIN_AFTER_ENQUEUE: optionalString.pipe(
      z.enum(['true', 'false', '1', '0'], { message: 'must be true or false' }).optional(),
    ).transform((value) => (value === undefined ? undefined : value === 'true' || value === '1')),
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
    if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.ADMIN_EMAIL === undefined ? 'ADMIN_EMAIL' : 'ADMIN_PASSWORD'],
        message: 'ADMIN_EMAIL and ADMIN_PASSWORD must be set together',
      });
    }
    if (env.NODE_ENV === 'production' && env.ADMIN_PASSWORD === DEMO_ADMIN.password) {
      ctx.addIssue({
        code: 'custom',
        path: ['ADMIN_PASSWORD'],
        message: 'the documented demo password cannot be used in production: choose another',
      });
    }
    if (env.NODE_ENV === 'production' && env.OTP_SECRET === undefined && (hasUrl || env.REDIS_URL !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['OTP_SECRET'],
        message:
          'required in production with a shared Redis: a random secret of at least 32 characters (e.g. `openssl rand -base64 32`)',
      });
    }
    if (env.NODE_ENV === 'production' && env.SMS_SENDER === undefined && (hasUrl || env.REDIS_URL !== undefined || env.DATABASE_URL !== undefined)) {
      // The demo outbox shows each browser the codes it asked for, so anyone could open an account for
      // an unused number: a deployment must say so, not get it by forgetting a variable. One instance
      // on the in-process store with a Postgres of its own is a deployment too (attack review 3):
      // its accounts outlive the process. Only the embedded PGlite keeps the default.
      ctx.addIssue({
        code: 'custom',
        path: ['SMS_SENDER'],
        message: 'required in production with a Postgres or a shared Redis: twilio to text real codes, or outbox for a public demo that shows each browser its codes on screen',
      });
    }
    if (env.SMS_SENDER === 'twilio') {
      for (const name of ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN'] as const) {
        if (env[name] === undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'required with SMS_SENDER=twilio' });
      }
      if ((env.TWILIO_FROM === undefined) === (env.TWILIO_MESSAGING_SERVICE_SID === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['TWILIO_FROM'],
          message: 'with SMS_SENDER=twilio set exactly one of TWILIO_FROM and TWILIO_MESSAGING_SERVICE_SID',
        });
      }
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
  })
  // Outside production (and on one embedded instance) the demo outbox is the default.
  .transform((env) => ({ ...env, SMS_SENDER: env.SMS_SENDER ?? ('outbox' as const) }));

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

/**
 * True while `next build` prerenders pages. Next sets NEXT_PHASE itself (not configuration, so not in
 * the schema): code that must describe the running server, never the build machine, leaves its part
 * out while building.
 */
export function isBuilding(): boolean {
  return process.env.NEXT_PHASE === 'phase-production-build';
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

/** Whether the proxy sends visitors to the shared pages (lib/page-cache). */
export function pageCacheEnabled(env: Env = getEnv()): boolean {
  return env.PAGE_CACHE ?? (env.THALI_SERVED_BY === 'serve.mjs' && !env.VERCEL);
}

export type TrustedProxies = 'none' | 'vercel' | number;

export function trustedProxies(env: Env = getEnv()): TrustedProxies {
  return env.TRUSTED_PROXIES ?? (env.VERCEL ? 'vercel' : 'none');
}

/** Published, so only for development and tests; production never uses it. */
export const DEV_OTP_SECRET = 'thali-development-otp-secret-not-for-production';

export function otpSecret(env: Env = getEnv()): string {
  if (env.OTP_SECRET) return env.OTP_SECRET;
  if (env.NODE_ENV !== 'production') return DEV_OTP_SECRET;
  // Production on the in-process store: codes live in this process only, so a key of its own is enough.
  const shared = singletons();
  shared.otpSecret ??= randomBytes(32).toString('base64url');
  return shared.otpSecret;
}

export function redisBackend(env: Env = getEnv()): RedisBackendChoice {
  if (env.UPSTASH_REDIS_REST_URL) return 'upstash';
  if (env.REDIS_URL) return 'tcp';
  return 'memory';
}
