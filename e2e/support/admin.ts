import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { expect, type Page } from '@playwright/test';

import { withPostgres } from './backends';
import { E2E_ADMIN } from './config';

export interface AdminCredentials {
  email: string;
  password: string;
}

/**
 * Signs the page's browser context in through the real form, as the e2e admin unless told
 * otherwise, on the default server unless `base` names another; for any admin spec.
 */
export async function signInAsAdmin(page: Page, next?: string, admin: AdminCredentials = E2E_ADMIN, base = ''): Promise<void> {
  await page.goto(next ? `${base}/admin/login?next=${encodeURIComponent(next)}` : `${base}/admin/login`);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('admin-shell')).toBeVisible();
}

/** The session cookie's name on the e2e server (production mode, so Secure with the __Host- prefix). */
export const ADMIN_COOKIE = '__Host-thali_admin';

const SEED_SCRIPT = fileURLToPath(new URL('./seed-admin.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * An admin of the test's own in the e2e Postgres (real services only), so signing it out can't
 * touch another spec's session. `remove()` deletes the row; its audit entries, if any, keep their
 * text and lose the link (the foreign key is ON DELETE SET NULL).
 */
export async function createTemporaryAdmin(): Promise<AdminCredentials & { name: string; remove(): Promise<void> }> {
  const tag = randomBytes(6).toString('hex');
  const admin = { email: `e2e-admin-${tag}@thali.test`, password: `e2e-password-${randomBytes(12).toString('hex')}`, name: `E2E ${tag}` };
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', SEED_SCRIPT, admin.email, admin.password, admin.name],
    { cwd: REPO_ROOT, timeout: 30_000 },
  );
  expect(stdout.trim().split('\n').at(-1)).toBe('created');
  return {
    ...admin,
    remove: async () => {
      await withPostgres((sql) => sql`delete from admins where email = ${admin.email}`);
    },
  };
}
