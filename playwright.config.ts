import { defineConfig, devices } from '@playwright/test';

import { e2eServerEnv, E2E_PORT } from './e2e/support/config';

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
    { name: 'phone', use: { ...devices['Pixel 7'] }, testMatch: /responsive\.spec\.ts/ },
  ],
  webServer: {
    command: `node node_modules/next/dist/bin/next start -p ${E2E_PORT} -H 127.0.0.1`,
    url: `http://127.0.0.1:${E2E_PORT}/api/health`,
    env: e2eServerEnv(),
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
  },
});
