import { expect, type Page } from '@playwright/test';

import { E2E_ADMIN } from './config';

/** Signs the page's browser context in as the e2e admin through the real form; for any admin spec. */
export async function signInAsAdmin(page: Page, next?: string): Promise<void> {
  await page.goto(next ? `/admin/login?next=${encodeURIComponent(next)}` : '/admin/login');
  await page.getByLabel('Email').fill(E2E_ADMIN.email);
  await page.getByLabel('Password').fill(E2E_ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('admin-shell')).toBeVisible();
}

/** The session cookie's name on the e2e server (production mode, so Secure with the __Host- prefix). */
export const ADMIN_COOKIE = '__Host-thali_admin';
