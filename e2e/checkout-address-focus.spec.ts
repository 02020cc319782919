import { expectNoSeriousA11yViolations } from './support/axe';
import { openMenuPath, saveCheckoutAddress, signInWithCode, uniquePhone } from './support/customer';
import { expect, test } from './support/test';

/**
 * Keyboard focus after "Save address" at checkout. The first address replaces the form with the list
 * (the form was gone and focus fell to <body>, with nothing said); another one resets the form below
 * the list. Either way focus goes to the saved address's choice and a status line says it was saved.
 */
test('a saved address at checkout takes focus and is announced, the first and another', async ({ page }) => {
  test.setTimeout(60_000);
  const menu = await openMenuPath(page, '');
  await signInWithCode(page, uniquePhone(), menu);
  await expect(page).toHaveURL(new RegExp(`${menu}$`));
  await page.getByRole('button', { name: /^ADD/ }).first().click();
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await page.goto('/checkout');
  const status = page.getByTestId('address-saved');

  await saveCheckoutAddress(page);
  const home = page.getByRole('radio', { name: /^Home: 12 MG Road/ });
  await expect(home).toBeChecked();
  await expect(home).toBeFocused();
  await expect(page.getByTestId('address-saved')).toHaveAttribute('role', 'status');
  await expect(status).toHaveText(/^Address saved: Home: 12 MG Road/);
  await expectNoSeriousA11yViolations(page, 'checkout after the first address is saved');

  await page.getByText('Add another address').click();
  await page.getByLabel('Label (Home, Work…)').fill('Work');
  await page.getByLabel('House and street').fill('1 Brigade Road');
  await page.getByLabel('City').fill('Bengaluru');
  await page.getByLabel('PIN code').fill('560025');
  await page.getByRole('button', { name: 'Save address' }).press('Enter');
  const work = page.getByRole('radio', { name: /^Work: 1 Brigade Road/ });
  await expect(work).toBeFocused();
  await expect(status).toHaveText(/^Address saved: Work: 1 Brigade Road/);
  // The next Tab goes on from the list (to "Edit or delete saved addresses"), not from the top of the page.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Edit or delete saved addresses' })).toBeFocused();
});
