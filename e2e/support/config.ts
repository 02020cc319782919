/**
 * One place for what the e2e server and the tests must agree on. Real services when E2E_DATABASE_URL
 * and E2E_REDIS_URL are set (CI), else the embedded database in its own folder and the in-process store.
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL || undefined;
export const E2E_REDIS_URL = process.env.E2E_REDIS_URL || undefined;
export const E2E_KEY_PREFIX = 'thali-e2e:';
export const E2E_PGLITE_DIR = '.data/e2e-pglite';
/** Uploaded photos of the e2e servers (both instances share it, as servers behind one domain would). */
export const E2E_MEDIA_DIR = '.data/e2e-media';
/**
 * A second `next start` on the same Redis and Postgres, to show a save or a sign-out reaching every
 * instance. It talks to Redis through the Upstash REST driver (the first one over TCP), via the REST
 * bridge below, so the cross-instance specs also show the two drivers agreeing on every key.
 */
export const E2E_SECOND_PORT = Number(process.env.E2E_SECOND_PORT ?? 3101);
/** The embedded backends live inside one server process, so a second instance only makes sense on real services. */
export const E2E_SHARED_BACKENDS = Boolean(E2E_DATABASE_URL && E2E_REDIS_URL);
// The specs that need the real services skip without them; under CI that must be a failure, not a quiet skip.
if ((process.env.CI === 'true' || process.env.CI === '1') && !E2E_SHARED_BACKENDS) {
  throw new Error('CI=true but E2E_DATABASE_URL and E2E_REDIS_URL are not both set: the specs that need them would be skipped');
}
/** `npm run upstash-bridge`'s server in front of E2E_REDIS_URL, for the second instance only. */
export const E2E_UPSTASH_BRIDGE_PORT = Number(process.env.E2E_UPSTASH_BRIDGE_PORT ?? 3103);
const E2E_UPSTASH_BRIDGE_TOKEN = 'e2e-upstash-bridge-token';
/** The servers' HEALTH_SECRET: specs that read health details send it as a bearer token. */
export const E2E_HEALTH_SECRET = 'e2e-health-secret-0123456789';
export const healthHeaders = { authorization: `Bearer ${E2E_HEALTH_SECRET}` } as const;
/** The e2e server's one admin: seeded by prepare.ts (Postgres) or by the server itself (PGlite). */
export const E2E_ADMIN = { email: 'e2e-admin@thali.test', password: 'e2e-admin-password' } as const;

export function e2eServerEnv(): Record<string, string> {
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    REDIS_KEY_PREFIX: E2E_KEY_PREFIX,
    // Playwright merges these over the caller's environment: blank out backends a developer may
    // have exported, so only what is chosen here is used (the env module treats '' as unset).
    DATABASE_URL: '',
    REDIS_URL: '',
    UPSTASH_REDIS_REST_URL: '',
    UPSTASH_REDIS_REST_TOKEN: '',
    ADMIN_EMAIL: E2E_ADMIN.email,
    ADMIN_PASSWORD: E2E_ADMIN.password,
    // Rate limits stay on. These servers answer specs that are not about limits, every request from
    // 127.0.0.1, so they get raised budgets; e2e/ratelimit.spec.ts has its own server (below).
    TRUSTED_PROXIES: 'none',
    RATE_LIMIT_API_PER_MINUTE: '100000',
    RATE_LIMIT_NEW_SEARCHES_PER_MINUTE: '100000',
    RATE_LIMIT_SEARCHES_LOADED_PER_MINUTE: '100000',
    RATE_LIMIT_PAGE_PER_MINUTE: '100000',
    RATE_LIMIT_NEW_VISITORS_PER_HOUR: '100000',
    RATE_LIMIT_NEW_GUEST_CARTS_PER_HOUR: '100000',
    RATE_LIMIT_NEW_GUEST_CARTS_PER_DAY: '100000',
    RATE_LIMIT_ORDERS_PER_HOUR: '100000',
    RATE_LIMIT_ORDERS_PER_DAY: '100000',
    RATE_LIMIT_ORDERS_PER_IP_PER_DAY: '100000',
    ENABLE_BENCH_ROUTES: '',
    // e2e checks behaviour, not speed: a cold server on a busy 2-core machine can take longer than
    // the production budget to handle a Redis reply, and should not flip a page to "degraded", nor a
    // rate limit to the per-instance fallback (a REST round trip through the bridge costs more).
    REDIS_TIMEOUT_MS: '1000',
    RATE_LIMIT_TIMEOUT_MS: '1000',
    // Customers (e2e/customer.spec.ts): the demo outbox, and orders that move a step a second.
    OTP_SECRET: 'e2e-otp-secret-at-least-32-characters-long',
    SMS_SENDER: 'outbox',
    ORDER_STEP_DELAY_MS: '1000',
    RATE_LIMIT_OTP_PER_IP_PER_HOUR: '1000',
    RATE_LIMIT_OTP_PER_IP_PER_DAY: '1000',
    MEDIA_DIR: E2E_MEDIA_DIR,
    HEALTH_SECRET: E2E_HEALTH_SECRET,
  };
  if (E2E_DATABASE_URL) env.DATABASE_URL = E2E_DATABASE_URL;
  else env.PGLITE_DIR = E2E_PGLITE_DIR;
  if (E2E_REDIS_URL) env.REDIS_URL = E2E_REDIS_URL;
  return env;
}

/** The second instance: everything as the first, but Redis over Upstash REST (REDIS_URL blank). */
export function secondServerEnv(): Record<string, string> {
  return {
    ...e2eServerEnv(),
    REDIS_URL: '',
    UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${E2E_UPSTASH_BRIDGE_PORT}`,
    UPSTASH_REDIS_REST_TOKEN: E2E_UPSTASH_BRIDGE_TOKEN,
  };
}

/** scripts/upstash-bridge.ts's settings: the e2e Redis, behind a port and token of the suite's own. */
export function upstashBridgeEnv(): Record<string, string> {
  if (!E2E_REDIS_URL) throw new Error('the Upstash bridge needs E2E_REDIS_URL');
  return { REDIS_URL: E2E_REDIS_URL, UPSTASH_BRIDGE_PORT: String(E2E_UPSTASH_BRIDGE_PORT), UPSTASH_BRIDGE_TOKEN: E2E_UPSTASH_BRIDGE_TOKEN };
}

/**
 * The server of e2e/ratelimit.spec.ts: the production budgets and trust setting, its own key prefix
 * (and embedded database), so its blocks and spent budgets never reach the other specs. Each of its
 * tests is a client of its own by connecting from its own loopback address (support/loopback.ts).
 */
export const E2E_RATELIMIT_PORT = Number(process.env.E2E_RATELIMIT_PORT ?? 3102);
export const E2E_RATELIMIT_KEY_PREFIX = 'thali-e2e-rl:';
export const E2E_RATELIMIT_PGLITE_DIR = '.data/e2e-pglite-ratelimit';

export function ratelimitServerEnv(): Record<string, string> {
  const env: Record<string, string> = {
    ...e2eServerEnv(),
    REDIS_KEY_PREFIX: E2E_RATELIMIT_KEY_PREFIX,
    // lib/env.ts's defaults, spelled out so a developer's exported values can't change them.
    RATE_LIMIT_API_PER_MINUTE: '120',
    RATE_LIMIT_PAGE_PER_MINUTE: '600',
    RATE_LIMIT_NEW_VISITORS_PER_HOUR: '30',
    RATE_LIMIT_NEW_GUEST_CARTS_PER_HOUR: '30',
    RATE_LIMIT_NEW_GUEST_CARTS_PER_DAY: '120',
    RATE_LIMIT_SEARCHES_LOADED_PER_MINUTE: '30',
    RATE_LIMIT_ORDERS_PER_HOUR: '20',
    RATE_LIMIT_ORDERS_PER_DAY: '40',
    RATE_LIMIT_ORDERS_PER_IP_PER_DAY: '120',
    RATE_LIMIT_OTP_PER_IP_PER_HOUR: '10',
    RATE_LIMIT_OTP_PER_IP_PER_DAY: '30',
    RATE_LIMIT_TIMEOUT_MS: '100',
  };
  if (!E2E_DATABASE_URL) env.PGLITE_DIR = E2E_RATELIMIT_PGLITE_DIR;
  return env;
}

/**
 * The server of e2e/sms-twilio.spec.ts: SMS_SENDER=twilio against a local fake of Twilio's Messages
 * API (tests/support/fake-twilio.ts, run by e2e/support/fake-twilio-server.ts), with a key prefix
 * (and embedded database) of its own. Also e2e/order-cancel.spec.ts's: there an order waits two
 * minutes for the restaurant to accept it (time to cancel it), and every text is read from the fake.
 * No worker runs on its key prefix with real services, so a request that enqueues runs its jobs
 * after its response (a text at once; a step two minutes away never, within a spec).
 */
export const E2E_TWILIO_PORT = Number(process.env.E2E_TWILIO_PORT ?? 3104);
export const E2E_FAKE_TWILIO_PORT = Number(process.env.E2E_FAKE_TWILIO_PORT ?? 3105);
export const E2E_TWILIO_KEY_PREFIX = 'thali-e2e-sms:';
export const E2E_TWILIO_PGLITE_DIR = '.data/e2e-pglite-sms';
/** How long an order placed on the twilio server waits for each step: its window to be cancelled in. */
export const E2E_TWILIO_ORDER_STEP_DELAY_MS = 120_000;
export const E2E_TWILIO = { accountSid: `AC${'e2e0'.repeat(8)}`, authToken: 'e2e-fake-twilio-auth-token', from: '+15005550006' } as const;

export function twilioServerEnv(): Record<string, string> {
  const env: Record<string, string> = {
    ...e2eServerEnv(),
    REDIS_KEY_PREFIX: E2E_TWILIO_KEY_PREFIX,
    SMS_SENDER: 'twilio',
    TWILIO_ACCOUNT_SID: E2E_TWILIO.accountSid,
    TWILIO_AUTH_TOKEN: E2E_TWILIO.authToken,
    TWILIO_FROM: E2E_TWILIO.from,
    TWILIO_MESSAGING_SERVICE_SID: '',
    TWILIO_API_BASE_URL: `http://127.0.0.1:${E2E_FAKE_TWILIO_PORT}`,
    ORDER_STEP_DELAY_MS: String(E2E_TWILIO_ORDER_STEP_DELAY_MS),
    QUEUE_DRAIN_AFTER_ENQUEUE: 'true',
  };
  if (!E2E_DATABASE_URL) env.PGLITE_DIR = E2E_TWILIO_PGLITE_DIR;
  return env;
}

