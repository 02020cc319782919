import { actionId, callAction } from './support/actions';
import { signInAsAdmin } from './support/admin';
import { expectNoSeriousA11yViolations } from './support/axe';
import { E2E_ADMIN } from './support/config';
import { uniquePhone } from './support/customer';
import { expect, test } from './support/test';
import { placeOrderThroughTwilio, textsTo, TWILIO_BASE } from './support/twilio';

/**
 * A restaurant's admin cancels an accepted order with a reason (docs/admin.md, decision 068); the
 * customer, on a phone, sees the reason on their order page and gets one text with it. On the twilio
 * server, where the simulated kitchen waits two minutes per step, so nothing moves but the admin.
 * Posted by hand, a bad reason or form is answered in the row, never a 5xx, and changes nothing.
 */
const slow = TWILIO_BASE;
const REASON = 'Paneer ran out';

test.use({ viewport: { width: 390, height: 844 } });

test('an admin cancels an accepted order with a reason; the customer sees it on their phone and gets one text with it', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const phone = uniquePhone();
  const { slug, orderId } = await placeOrderThroughTwilio(page, phone);
  const short = orderId.slice(0, 8);

  const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const admin = await adminContext.newPage();
    const adminPath = `/admin/restaurants/${slug}`;
    await signInAsAdmin(admin, adminPath, E2E_ADMIN, slow);
    await expect(admin).toHaveURL(`${slow}${adminPath}`);
    const row = admin.getByTestId('restaurant-order').filter({ hasText: `#${short}` });
    await row.getByRole('button', { name: `Accept: order #${short}` }).click();
    await expect(row).toHaveAttribute('data-status', 'accepted');

    // By script first: a reason too short or missing, a crafted id, another restaurant. Nothing changes.
    const id = actionId('cancelOrderAction', 'app/admin/(console)/restaurants/[slug]/(overview)/page');
    const adminCookie = (await adminContext.cookies(slow)).map((entry) => `${entry.name}=${entry.value}`).join('; ');
    const shapes: { args?: unknown[]; form?: Record<string, string>; formArgs?: unknown[] }[] = [
      { args: [] },
      { args: [slug, { status: 'idle' }, 'not a form'] },
      { formArgs: [slug, { status: 'idle' }], form: { orderId } },
      { formArgs: [slug, { status: 'idle' }], form: { orderId, reason: 'ab' } },
      { formArgs: [slug, { status: 'idle' }], form: { orderId, reason: 'x'.repeat(5_000) } },
      { formArgs: [slug, { status: 'idle' }], form: { orderId: `${orderId}'`, reason: REASON } },
      { formArgs: ['another-restaurant', { status: 'idle' }], form: { orderId, reason: REASON } },
    ];
    for (const shape of shapes) {
      const answer = await callAction({ base: slow, path: adminPath, id, from: '127.0.0.1', headers: { cookie: adminCookie }, ...shape });
      expect(answer.status, JSON.stringify(shape).slice(0, 60)).toBeLessThan(500);
    }
    await admin.reload();
    await expect(row).toHaveAttribute('data-status', 'accepted');

    await row.getByText('Cancel order…').click();
    await row.getByLabel('Reason the customer sees').fill(REASON);
    // By keyboard: the form goes once the order is cancelled, and focus goes to the answer in its row
    // (it had dropped to <body>), which is announced.
    await row.getByRole('button', { name: `Cancel order #${short}` }).press('Enter');
    const answer = row.getByTestId('order-cancel-result');
    await expect(answer).toHaveText(`Order #${short} is cancelled. The customer gets a text with your reason.`);
    await expect(row).toHaveAttribute('data-status', 'cancelled');
    await expect(row.getByRole('button', { name: `Cancel order #${short}` })).toHaveCount(0);
    await expect(answer).toBeFocused();
    await expect(answer).toHaveAttribute('aria-live', 'polite');
    await expect(row.getByTestId('restaurant-order-cancel-reason')).toHaveText(`by you: ${REASON}`);
    await expectNoSeriousA11yViolations(admin, 'admin orders with one cancelled');
    // The audit log names the order by its number, a link to its row (not "order:<22-character id>").
    const audited = admin.getByTestId('audit-row').filter({ hasText: 'Order cancelled' }).first();
    await expect(audited.getByRole('link', { name: `Order #${short}` })).toHaveAttribute('href', `#order-${orderId}`);
    await expect(audited).not.toContainText(`order:${orderId}`);
  } finally {
    await adminContext.close();
  }

  // The customer's page, polling, shows who cancelled and why, and where the order stopped.
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'cancelled', { timeout: 10_000 });
  await expect(page.getByTestId('order-cancelled')).toHaveAttribute('data-by', 'restaurant');
  await expect(page.getByTestId('order-cancel-reason')).toHaveText(REASON);
  await expect(page.getByTestId('order-step')).toHaveText([/Placed/, /Accepted/, /Cancelled/]);
  await expectNoSeriousA11yViolations(page, 'order cancelled by the restaurant, on a phone');
  // /account's past orders say who cancelled it and why, not a bare "Cancelled".
  await page.goto(`${slow}/account`);
  await expect(page.getByTestId('account-order-cancelled')).toHaveText(/ cancelled it: Paneer ran out$/);
  await expect(page.getByTestId('account-order-cancel-reason')).toHaveText(REASON);
  await expect
    .poll(async () => (await textsTo(phone)).filter((text) => text.includes(`cancelled order #${short}`)))
    .toEqual([expect.stringContaining(`: ${REASON}. Sorry! Nothing to pay.`)]);
  expect((await textsTo(phone)).filter((text) => text.includes('as you asked'))).toEqual([]);
});
