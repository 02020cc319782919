import { defineConfig, devices } from '@playwright/test';

import {
  e2eServerEnv,
  E2E_PORT,
  E2E_FAKE_TWILIO_PORT,
  E2E_RATELIMIT_PORT,
  E2E_SECOND_PORT,
  E2E_TWILIO_PORT,
  E2E_SHARED_BACKENDS,
  E2E_UPSTASH_BRIDGE_PORT,
  ratelimitServerEnv,
  secondServerEnv,
  twilioServerEnv,
  upstashBridgeEnv,
} from './e2e/support/config';

/**
 * End-to-end tests against the production build (`next build` first), started without an npm/npx
 * wrapper so the PID Playwright holds is the server's. With E2E_DATABASE_URL / E2E_REDIS_URL the
 * server uses the real services (CI does); without them, the embedded PGlite and in-process store.
 */
export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's chromium by default (no browser download works here); PLAYWRIGHT_CHROMIUM_PATH=''
      // falls back to Playwright's own browser elsewhere.
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'] } },
    { name: 'phone', use: { ...devices['Pixel 7'] }, testMatch: /(responsive|photos|find|ordering|header-cart)\.spec\.ts/ },
  ],
  // With real services, a second instance on the same Redis and Postgres (e2e/admin-edit.spec.ts and
  // e2e/shared-sessions.spec.ts check that a save or a sign-out reaches it). The first instance talks
  // to Redis over TCP, the second over Upstash REST through the bridge, which therefore comes first:
  // Playwright starts the entries one after another, each once the previous one answers.
  // scripts/serve.mjs is what `npm start` runs: Next behind the server that decides the client's address.
  // The ratelimit server serves e2e/ratelimit.spec.ts and e2e/abuse.spec.ts, with production budgets;
  // the twilio server texts through a local fake of Twilio (e2e/support/config.ts).
  webServer: [
    // Answers only POST, so Playwright waits for its port rather than a URL. Its stdout (the token it
    // prints for developers) is not wanted here; its warnings go to stderr.
    ...(E2E_SHARED_BACKENDS
      ? [
          {
            command: 'node --conditions=react-server --import tsx scripts/upstash-bridge.ts',
            port: E2E_UPSTASH_BRIDGE_PORT,
            env: upstashBridgeEnv(),
            reuseExistingServer: false,
            timeout: 30_000,
            stdout: 'ignore' as const,
          },
        ]
      : []),
    // The fake Twilio the SMS_SENDER=twilio server texts through (e2e/sms-twilio.spec.ts reads it).
    {
      command: 'node --import tsx e2e/support/fake-twilio-server.ts',
      port: E2E_FAKE_TWILIO_PORT,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    ...[
      { port: E2E_PORT, env: e2eServerEnv() },
      ...(E2E_SHARED_BACKENDS ? [{ port: E2E_SECOND_PORT, env: secondServerEnv() }] : []),
      { port: E2E_RATELIMIT_PORT, env: ratelimitServerEnv() },
      { port: E2E_TWILIO_PORT, env: twilioServerEnv() },
    ].map(({ port, env }) => ({
      command: `node scripts/serve.mjs -p ${port} -H 127.0.0.1`,
      url: `http://127.0.0.1:${port}/api/health`,
      env,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe' as const,
    })),
    // On real services nothing runs jobs inside the servers (lib/queue/embedded.ts runs a worker only
    // with the in-process store), so `npm run worker`'s script runs beside them, as in a deployment:
    // e2e/customer.spec.ts needs its order jobs. No url or port: Playwright starts it without waiting.
    ...(E2E_SHARED_BACKENDS
      ? [
          {
            command: 'node --conditions=react-server --import tsx scripts/worker.ts',
            env: e2eServerEnv(),
            reuseExistingServer: false,
            stdout: 'pipe' as const,
          },
        ]
      : []),
  ],
});
