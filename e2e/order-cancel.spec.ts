import { actionId, callAction } from './support/actions';
import { expectNoSeriousA11yViolations } from './support/axe';
import { E2E_PORT } from './support/config';
import { openMenuPath, orderOneDish, signInWithCode, uniquePhone } from './support/customer';
import { expect, test, type Page } from './support/test';
import { signInThroughTwilio, textsTo, TWILIO_BASE } from './support/twilio';

/**
 * A customer cancels an order before the restaurant accepts it (docs/ordering.md#cancelling). On
 * the twilio server, where an order waits two minutes for each step (e2e/support/config.ts), so
 * the window is open for the whole spec, and each text is read from the fake Twilio: one
 * "cancelled", no "accepted". On the main server, where orders move a step a second, a cancel
 * posted after acceptance (a script; a stale page sends the same) is refused with the message. Server
 * actions are posted by hand as a script would (support/actions.ts): someone else's order gets the
 * answer an unknown one does, bad arguments a redirect, never a 5xx. Screenshots of the question and
 * of the cancelled order go to docs/screenshots/ (docs/ordering.md#cancelling shows them).
 */
const slow = TWILIO_BASE;
const fast = `http://127.0.0.1:${E2E_PORT}`;

const cancelAction = () => actionId('cancelOrderAction', 'app/orders/[id]/page');
const cookieHeader = async (page: Page, base: string) =>
  (await page.context().cookies(base)).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');

test.describe('cancelling an order', () => {
  test('place an order, cancel it on a double click while it is placed, see Cancelled with its time, in /account, texted once', async ({ page, browser }) => {
    test.setTimeout(90_000);
    const phone = uniquePhone();
    const menuPath = await openMenuPath(page, slow);
    await signInThroughTwilio(page, phone, menuPath);
    await expect(page).toHaveURL(`${slow}${menuPath}`);
    const orderPath = await orderOneDish(page, slow);
    const orderId = orderPath.split('/').pop()!;

    await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'placed');
    await expect(page.getByTestId('cancel-until')).toHaveText(/^You can cancel until .+ accepts your order, expected by \d{1,2}:\d{2}\s?[ap]m\.$/i);
    await expect.poll(async () => (await textsTo(phone)).filter((text) => / placed, ₹/.test(text))).toHaveLength(1);
    await expectNoSeriousA11yViolations(page, 'a placed order');

    // Someone else, by script with their own session: the answer an unknown order gets; nothing changes.
    const stranger = await browser.newContext();
    try {
      const strangerPage = await stranger.newPage();
      const strangerPhone = uniquePhone();
      await signInThroughTwilio(strangerPage, strangerPhone, '/account');
      await expect(strangerPage).toHaveURL(`${slow}/account`);
      const cookie = await cookieHeader(strangerPage, slow);
      for (const id of [orderId, 'AAAAAAAAAAAAAAAAAAAAAA']) {
        const answer = await callAction({ base: slow, path: `/orders/${id}`, id: cancelAction(), from: '127.0.0.1', args: [id], headers: { cookie } });
        expect(answer.status, `someone else's cancel of ${id}`).toBeLessThan(400);
        expect(answer.headers['x-action-redirect']).toMatch(/^\/account(;|$)/);
      }
      // The owner's session with arguments no page sends: a redirect, never a 5xx.
      const own = await cookieHeader(page, slow);
      for (const args of [[], [42], [{ id: orderId }], ['x'.repeat(20_000)], [`${orderId}'`]]) {
        const answer = await callAction({ base: slow, path: orderPath, id: cancelAction(), from: '127.0.0.1', args, headers: { cookie: own } });
        expect(answer.status, JSON.stringify(args).slice(0, 40)).toBeLessThan(500);
      }
    } finally {
      await stranger.close();
    }
    // Still placed, and a hand-made ?cancel=too-late link to it claims nothing.
    await page.goto(`${slow}${orderPath}?cancel=too-late`);
    await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'placed');
    await expect(page.getByTestId('cancel-problem')).toHaveCount(0);

    await page.getByText('Cancel order', { exact: true }).click();
    await expect(page.getByRole('button', { name: 'Yes, cancel this order' })).toBeVisible();
    await page.screenshot({ path: 'docs/screenshots/order-cancel-ask-desktop.png' });
    await page.getByRole('button', { name: 'Yes, cancel this order' }).dblclick();
    await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'cancelled');
    await expect(page.getByTestId('order-status')).toHaveText('Cancelled');
    await expect(page.getByTestId('order-cancelled')).toHaveText(/^Cancelled at \d{1,2}:\d{2}\s?[ap]m, as you asked\. Nothing to pay\.$/i);
    await expect(page.getByTestId('order-step')).toHaveText([/Placed/, /Cancelled/]);
    await expect(page.getByTestId('order-step-time')).toHaveCount(2);
    await expect(page.getByTestId('cancel-order')).toHaveCount(0);
    await expect(page.getByTestId('cancel-problem')).toHaveCount(0);
    await expectNoSeriousA11yViolations(page, 'a cancelled order');
    await page.screenshot({ path: 'docs/screenshots/order-cancelled-desktop.png' });

    await page.goto(`${slow}/account`);
    await expect(page.getByTestId('account-order')).toHaveCount(1);
    await expect(page.getByTestId('account-order-status')).toHaveText('Cancelled');
    await expect(page.getByTestId('account-order-cancelled')).toHaveText('You cancelled it.');

    // One "cancelled" text, whatever the double click sent; the restaurant never accepted it.
    await expect.poll(async () => (await textsTo(phone)).filter((text) => /is cancelled, as you asked/.test(text)), { timeout: 10_000 }).toHaveLength(1);
    // A replay of the cancel changes nothing and texts nobody again.
    const replay = await callAction({ base: slow, path: orderPath, id: cancelAction(), from: '127.0.0.1', args: [orderId], headers: { cookie: await cookieHeader(page, slow) } });
    expect(replay.headers['x-action-redirect']).toMatch(new RegExp(`^${orderPath}(;|$)`));
    await page.waitForTimeout(1_000);
    const texts = await textsTo(phone);
    expect(texts.filter((text) => /is cancelled/.test(text))).toHaveLength(1);
    expect(texts.filter((text) => /accepted/.test(text))).toHaveLength(0);
  });

  test('once the restaurant has accepted: no button, and a cancel posted anyway says so and changes nothing', async ({ page }) => {
    const phone = uniquePhone();
    const menuPath = await openMenuPath(page, fast);
    await signInWithCode(page, phone, menuPath);
    await expect(page).toHaveURL(`${fast}${menuPath}`);
    const orderPath = await orderOneDish(page, fast);
    const orderId = orderPath.split('/').pop()!;
    // A step a second on this server: accepted (or further) within a few polls.
    await expect(page.getByTestId('order-status')).not.toHaveAttribute('data-status', 'placed', { timeout: 15_000 });
    await expect(page.getByTestId('cancel-order')).toHaveCount(0);

    const answer = await callAction({ base: fast, path: orderPath, id: cancelAction(), from: '127.0.0.1', args: [orderId], headers: { cookie: await cookieHeader(page, fast) } });
    expect(answer.headers['x-action-redirect']).toMatch(new RegExp(`^${orderPath}\\?cancel=too-late(;|$)`));
    await page.goto(`${fast}${orderPath}?cancel=too-late`);
    await expect(page.getByTestId('cancel-problem')).toHaveText('The restaurant has already accepted this order, so it can no longer be cancelled.');
    await expect(page.getByTestId('order-status')).not.toHaveAttribute('data-status', 'cancelled');
    await expect(page.getByTestId('order-status')).not.toHaveAttribute('data-status', 'placed');
  });
});
