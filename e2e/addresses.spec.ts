import { actionId, actionResult, callAction } from './support/actions';
import { expectNoSeriousA11yViolations } from './support/axe';
import { E2E_PORT } from './support/config';
import { signInWithCode, uniquePhone } from './support/customer';
import { uniqueLoopbackAddress } from './support/loopback';
import { expect, test, type BrowserContext, type Page } from './support/test';

/**
 * Saved addresses (the desktop project only: playwright.config.ts runs this file there): add, edit (prefilled, the PIN still checked) and delete on /account,
 * the delete confirmation without JavaScript, checkout after the chosen address was deleted in
 * another tab, and the actions called by a script with another customer's id or malformed input.
 * axe-core runs on the account and edit pages. The account page's list, a delete being confirmed, goes
 * to docs/screenshots/addresses-account-desktop.png (docs/customers.md shows it).
 */

const saved = (page: Page) => page.getByTestId('saved-address');

async function addOnAccount(page: Page, label: string, line1: string, pin: string) {
  // The disclosure stays open after a save (the page re-renders around it).
  if (!(await page.getByLabel('Label (Home, Work…)').isVisible())) await page.getByText('Add a delivery address').click();
  await page.getByLabel('Label (Home, Work…)').fill(label);
  await page.getByLabel('House and street').fill(line1);
  await page.getByLabel('City').fill('Bengaluru');
  await page.getByLabel('PIN code').fill(pin);
  await page.getByRole('button', { name: 'Save address' }).click();
  await expect(saved(page).filter({ hasText: `${label}: ${line1}` })).toHaveCount(1);
}

async function deleteSaved(page: Page, label: string) {
  const item = saved(page).filter({ hasText: `${label}:` });
  await item.locator('summary').click();
  await item.getByRole('button', { name: `Yes, delete ${label}` }).click();
}

const cookieHeader = async (context: BrowserContext) => (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');

test.describe('saved addresses', () => {
  test('edit with the form prefilled and the PIN checked, delete after a confirmation', async ({ page }) => {
    test.setTimeout(60_000);
    await signInWithCode(page, uniquePhone(), '/account');
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByText('No saved addresses yet.')).toBeVisible();
    await addOnAccount(page, 'Home', 'Flat 4B, 12 MG Road', '560038');
    await addOnAccount(page, 'Work', '1 Brigade Road', '560025');
    await expectNoSeriousA11yViolations(page, 'account page with addresses');

    // Edit: the form holds the saved values; a bad PIN is refused and what was typed stays.
    await saved(page).filter({ hasText: 'Home:' }).getByRole('link', { name: 'Edit Home' }).click();
    await expect(page).toHaveURL(/\/account\/addresses\/\d+\?from=account$/);
    await expect(page.getByLabel('House and street')).toHaveValue('Flat 4B, 12 MG Road');
    await expect(page.getByLabel('PIN code')).toHaveValue('560038');
    await expectNoSeriousA11yViolations(page, 'edit address page');
    await page.getByLabel('House and street').fill('Flat 4C, 12 MG Road');
    await page.getByLabel('PIN code').fill('060038');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('Enter a 6-digit PIN code (it never starts with 0)')).toBeVisible();
    // Focus goes to the refused field (the disabled Save button had dropped it on <body>).
    await expect(page.getByLabel('PIN code')).toBeFocused();
    await expect(page.getByLabel('House and street')).toHaveValue('Flat 4C, 12 MG Road');
    await page.getByLabel('PIN code').fill('560038');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page).toHaveURL(/\/account\?address=saved$/);
    await expect(page.getByTestId('address-notice')).toHaveText('Address saved.');
    await expect(saved(page).filter({ hasText: 'Home: Flat 4C, 12 MG Road, Bengaluru 560038' })).toHaveCount(1);

    // Delete asks first, then says so; the other address stays.
    await saved(page).filter({ hasText: 'Work:' }).locator('summary').click();
    await expect(page.getByRole('button', { name: 'Yes, delete Work' })).toBeVisible();
    await page.getByRole('region', { name: 'Saved addresses' }).screenshot({ path: 'docs/screenshots/addresses-account-desktop.png' });
    await page.getByRole('button', { name: 'Yes, delete Work' }).click();
    await expect(page).toHaveURL(/\/account\?address=deleted$/);
    await expect(page.getByTestId('address-notice')).toHaveText('Address deleted.');
    await expect(saved(page)).toHaveCount(1);
    await expect(saved(page)).toContainText('Home: Flat 4C');
    await expectNoSeriousA11yViolations(page, 'account page after a delete');

    // An id that isn't one of the customer's: the same 404 as nonsense.
    for (const path of ['/account/addresses/2147483647', '/account/addresses/abc', '/account/addresses/99999999999999999999']) {
      expect((await page.request.get(path)).status(), path).toBe(404);
    }
  });

  test('edit and delete work without JavaScript: form POSTs, delete confirmed in a <details>', async ({ page, browser }, testInfo) => {
    test.setTimeout(60_000);
    await signInWithCode(page, uniquePhone(), '/account');
    await expect(page).toHaveURL(/\/account$/);
    await addOnAccount(page, 'Home', '12 MG Road', '560001');
    const plain = await browser.newContext({ ...testInfo.project.use, javaScriptEnabled: false, storageState: await page.context().storageState() });
    try {
      const noJs = await plain.newPage();
      await noJs.goto('/account');
      await saved(noJs).getByRole('link', { name: 'Edit Home' }).click();
      await noJs.getByLabel('House and street').fill('14 MG Road');
      await noJs.getByLabel('PIN code').fill('56001');
      await noJs.getByRole('button', { name: 'Save changes' }).click();
      await expect(noJs.getByText('Enter a 6-digit PIN code (it never starts with 0)')).toBeVisible();
      await expect(noJs.getByLabel('House and street')).toHaveValue('14 MG Road');
      await noJs.getByLabel('PIN code').fill('560001');
      await noJs.getByRole('button', { name: 'Save changes' }).click();
      await expect(noJs).toHaveURL(/\/account\?address=saved$/);
      await expect(saved(noJs)).toHaveText(/Home: 14 MG Road, Bengaluru 560001/);
      await deleteSaved(noJs, 'Home');
      await expect(noJs).toHaveURL(/\/account\?address=deleted$/);
      await expect(noJs.getByTestId('address-notice')).toHaveText('Address deleted.');
      await expect(noJs.getByText('No saved addresses yet.')).toBeVisible();
    } finally {
      await plain.close();
    }
  });

  test('checkout after the chosen address was deleted in another tab says so and lists the rest', async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto('/bengaluru');
    const menu = await page.locator('[data-testid="restaurant-card"][data-open="true"] h2 a').first().getAttribute('href');
    await signInWithCode(page, uniquePhone(), menu!);
    await expect(page).toHaveURL(new RegExp(`${menu}$`));
    await page.getByRole('button', { name: /^ADD/ }).first().click();
    await expect(page.getByTestId('cart-line')).toHaveCount(1);
    await page.goto('/account');
    await addOnAccount(page, 'Home', '12 MG Road', '560001');
    await addOnAccount(page, 'Work', '1 Brigade Road', '560025');

    await page.goto('/checkout');
    await expect(page.getByRole('radio', { name: /^Work: 1 Brigade Road/ })).toBeChecked();
    const other = await page.context().newPage();
    await other.goto('/checkout');
    await other.getByRole('link', { name: 'Edit or delete saved addresses' }).click();
    await expect(other).toHaveURL(/\/checkout\/addresses$/);
    await deleteSaved(other, 'Work');
    await expect(other).toHaveURL(/\/checkout\?address=deleted$/);
    await expect(other.getByTestId('address-notice')).toHaveText('Address deleted.');
    await other.close();

    await page.getByRole('button', { name: /^Place order/ }).click();
    await expect(page.getByTestId('checkout-error')).toContainText('The address you chose is no longer saved');
    await expect(page.getByRole('radio', { name: /^Work:/ })).toHaveCount(0);
    await page.getByRole('radio', { name: /^Home: 12 MG Road/ }).check();
    await page.getByRole('button', { name: /^Place order/ }).click();
    await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{22}$/, { timeout: 15_000 });
    await expect(page.getByText('Home: 12 MG Road, Bengaluru 560001')).toBeVisible();
  });

  test('a script with another customer’s id or malformed input changes nothing and gets no 500', async ({ page, browser }, testInfo) => {
    test.setTimeout(60_000);
    await signInWithCode(page, uniquePhone(), '/account');
    await expect(page).toHaveURL(/\/account$/);
    await addOnAccount(page, 'Home', '12 MG Road', '560001');
    const href = await saved(page).getByRole('link', { name: 'Edit Home' }).getAttribute('href');
    const victimId = /\/account\/addresses\/(\d+)/.exec(href!)![1]!;

    const attacker = await browser.newContext({ ...testInfo.project.use });
    try {
      const mallory = await attacker.newPage();
      await signInWithCode(mallory, uniquePhone(), '/account');
      await expect(mallory).toHaveURL(/\/account$/);
      expect((await mallory.request.get(`/account/addresses/${victimId}`)).status()).toBe(404);

      const base = `http://127.0.0.1:${E2E_PORT}`;
      const from = uniqueLoopbackAddress();
      const headers = { cookie: await cookieHeader(attacker) };
      const edit = actionId('editAddress', 'app/account/addresses/[id]/page');
      const remove = actionId('removeAddress', 'app/account/page');
      const fields = { label: 'Mine', line1: 'Elsewhere', line2: '', city: 'Pune', pin: '411001', from: 'account' };
      for (const addressId of [victimId, 'abc', '1.5', '-1', '99999999999999999999', '']) {
        const edited = await callAction({ base, path: '/account', id: edit, from, headers, formArgs: [{}], form: { ...fields, addressId } });
        // Each reached its action and was answered "not saved on your account" (a redirect to the notice).
        expect(edited.status, `edit ${addressId}`).toBeLessThan(500);
        expect(edited.headers['x-action-redirect'], `edit ${addressId}`).toMatch(/^\/account\?address=not-found/);
        const removed = await callAction({ base, path: '/account', id: remove, from, headers, form: { addressId, from: 'account' } });
        expect(removed.status, `delete ${addressId}`).toBeLessThan(500);
        expect(removed.headers['x-action-redirect'], `delete ${addressId}`).toMatch(/^\/account\?address=not-found/);
      }
      // Missing fields on the attacker's own form: field messages, not an error page.
      const missing = await callAction({ base, path: '/account', id: edit, from, headers, formArgs: [{}], form: { addressId: victimId } });
      expect(missing.status).toBe(200);
      expect(actionResult<{ fieldErrors?: Record<string, string[]> }>(missing).fieldErrors?.pin?.[0]).toMatch(/PIN/);
    } finally {
      await attacker.close();
    }
    await page.reload();
    await expect(saved(page)).toHaveCount(1);
    await expect(saved(page)).toHaveText(/Home: 12 MG Road, Bengaluru 560001/);
  });
});
