import { randomBytes } from 'node:crypto';

import { signInAsAdmin } from './support/admin';
import { expect, test } from './support/test';

/**
 * The Team page: an admin adds a colleague, who signs in; a new password ends the colleague's
 * session and the old password; deleting them ends everything. Each step asks for confirmation and
 * is in the page's log.
 */
test('an admin adds, re-passwords and deletes a colleague, whose sessions end each time', async ({ page, browser }) => {
  test.setTimeout(60_000);
  const tag = randomBytes(4).toString('hex');
  const colleague = { email: `colleague-${tag}@thali.test`, name: `Colleague ${tag}`, password: `first-password-${tag}` };

  await signInAsAdmin(page, '/admin/team');
  await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();
  const add = page.getByRole('form', { name: 'Add an admin' });
  await add.getByLabel('Email').fill(colleague.email);
  await add.getByLabel('Name').fill('\u200B');
  await add.getByLabel('New password').fill('short');
  await add.getByLabel('The same password again').fill('short');
  await add.getByRole('button', { name: 'Add admin' }).click();
  await expect(page.getByTestId('add-admin-result')).toHaveAttribute('data-status', 'invalid');
  await expect(add.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');

  await add.getByLabel('Name').fill(colleague.name);
  await add.getByLabel('New password').fill(colleague.password);
  await add.getByLabel('The same password again').fill(colleague.password);
  await add.getByRole('button', { name: 'Add admin' }).click();
  await expect(page.getByTestId('add-admin-result')).toHaveAttribute('data-status', 'saved');
  const row = page.getByTestId('team-member').filter({ hasText: colleague.email });
  await expect(row.getByTestId('member-status')).toHaveText('Active');

  const theirs = await browser.newContext();
  try {
    const their = await theirs.newPage();
    await signInAsAdmin(their, undefined, colleague);

    const password = `second-password-${tag}`;
    await row.getByRole('button', { name: 'Change password' }).click();
    const form = row.getByRole('form', { name: `New password for ${colleague.name}` });
    await form.getByLabel('New password').fill(password);
    await form.getByLabel('The same password again').fill(password);
    await form.getByRole('button', { name: 'Set the new password' }).click();
    await expect(page.getByTestId(/^member-password-result-/).filter({ hasText: 'Password changed' })).toBeVisible();

    await their.goto('/admin');
    await expect(their).toHaveURL(/\/admin\/login/);
    await signInAsAdmin(their, undefined, { email: colleague.email, password });

    await row.getByRole('button', { name: `Delete ${colleague.name}` }).click();
    await row.getByRole('button', { name: 'Yes, delete' }).click();
    await expect(page.getByTestId('team-member').filter({ hasText: colleague.email })).toHaveCount(0);
    await their.goto('/admin');
    await expect(their).toHaveURL(/\/admin\/login/);
  } finally {
    await theirs.close();
  }
  // Every step is in the log.
  const log = page.getByTestId('audit-log');
  await page.reload();
  for (const action of ['Admin added', 'Password changed', 'Admin deleted']) await expect(log.getByText(action).first()).toBeVisible();
});
