import { test as base, type Browser, type BrowserContext, type Page } from '@playwright/test';

export { devices, expect } from '@playwright/test';
export type { BrowserContext, Locator, Page, Request } from '@playwright/test';

/**
 * Every spec's `test`: Playwright's, plus a guard that fails the test on any Content-Security-Policy
 * violation a browser reports in its console, in the default context and in every context the test
 * opens itself (docs/decisions/014-security-headers-and-csp.md). ESLint makes specs import from here.
 */
function watch(context: BrowserContext, violations: string[]): void {
  // Per page: Chromium reports some violations (a blocked inline script) to the page's listeners only.
  const watchPage = (page: Page) =>
    page.on('console', (message) => {
      if (/Content[ -]Security[ -]Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
    });
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
}

export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ browser }: { browser: Browser }, provide, testInfo) => {
      const violations: string[] = [];
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args) => {
        const context = await newContext(...args);
        watch(context, violations);
        return context;
      };
      try {
        await provide(violations);
      } finally {
        browser.newContext = newContext;
      }
      if (violations.length > 0 && testInfo.status === testInfo.expectedStatus) {
        throw new Error(`Content-Security-Policy violations in the browser console:\n${violations.join('\n')}`);
      }
    },
    { auto: true },
  ],
  context: async ({ context, cspViolations }, provide) => {
    watch(context, cspViolations);
    await provide(context);
  },
});
