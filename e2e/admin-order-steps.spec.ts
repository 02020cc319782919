import { actionId, callAction } from './support/actions';
import { signInAsAdmin } from './support/admin';
import { expectNoSeriousA11yViolations } from './support/axe';
import { E2E_ADMIN } from './support/config';
import { uniquePhone } from './support/customer';
import { expect, test, type Page } from './support/test';
import { placeOrderThroughTwilio, textsTo, TWILIO_BASE } from './support/twilio';

/**
 * A restaurant's admin works an order from its admin page (docs/admin.md, decision 065): Accept, then
 * each step to Delivered, which the customer's order page shows and texts once each. On the twilio
 * server, where a step of the simulated kitchen waits two minutes, so every step here is the admin's.
 * A second tab drawn before the click (a stale page) is told "already accepted" and changes nothing.
 * The action posted by hand as a script would: bad arguments are answered, never a 5xx, and a
 * customer's session or another site's page moves nothing.
 */
const slow = TWILIO_BASE;

test('an admin accepts an order and moves it to delivered; the customer sees each step and gets each text once', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const phone = uniquePhone();
  const { slug, orderId } = await placeOrderThroughTwilio(page, phone);
  const short = orderId.slice(0, 8);
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'placed');

  const adminContext = await browser.newContext();
  try {
    const admin = await adminContext.newPage();
    const adminPath = `/admin/restaurants/${slug}`;
    await signInAsAdmin(admin, adminPath, E2E_ADMIN, slow);
    await expect(admin).toHaveURL(`${slow}${adminPath}`);
    const stale = await adminContext.newPage();
    await stale.goto(`${slow}${adminPath}`);

    // The orders are below the forms: the page's header jumps there, saying how many are on the way.
    await admin.getByTestId('jump-to-orders').click();
    await expect(admin).toHaveURL(/#orders$/);
    await expect(admin.getByTestId('jump-to-orders')).toHaveText(/^Orders · \d+ on the way$/);
    await expect(admin.getByRole('heading', { name: 'Orders', exact: true })).toBeInViewport();

    const row = (on: Page) => on.getByTestId('restaurant-order').filter({ hasText: `#${short}` });
    await expect(row(admin)).toHaveAttribute('data-status', 'placed');
    await row(admin).getByRole('button', { name: `Accept: order #${short}` }).click();
    await expect(row(admin).getByTestId('order-step-result')).toHaveText(`Order #${short} is now accepted. The customer gets a text.`);
    await expect(row(admin)).toHaveAttribute('data-status', 'accepted');
    await expectNoSeriousA11yViolations(admin, 'admin orders with a step made');

    // The tab drawn before the click still offers Accept: it is told, and nothing moves.
    await row(stale).getByRole('button', { name: `Accept: order #${short}` }).click();
    await expect(row(stale).getByTestId('order-step-result')).toHaveText(`Order #${short} was already accepted. Nothing changed.`);
    await expect(row(stale)).toHaveAttribute('data-status', 'accepted');

    // By script: arguments no page sends, a customer's session, another origin. Nothing moves.
    const id = actionId('advanceOrderAction', 'app/admin/(console)/restaurants/[slug]/(overview)/page');
    const cookie = async (on: Page) => (await on.context().cookies(slow)).map((entry) => `${entry.name}=${entry.value}`).join('; ');
    const adminCookie = await cookie(admin);
    const orderId = new URL(page.url()).pathname.split('/').pop()!;
    const post = (headers: Record<string, string>, shape: { args?: unknown[]; form?: Record<string, string>; formArgs?: unknown[] }) =>
      callAction({ base: slow, path: adminPath, id, from: '127.0.0.1', headers, ...shape });
    for (const shape of [
      { args: [] },
      { args: [slug, { status: 'idle' }, 'not a form'] },
      { args: [{ slug }, null, null] },
      { args: ['x'.repeat(20_000)] },
      { formArgs: [slug, { status: 'idle' }], form: { orderId, to: 'delivered' } },
      { formArgs: [slug, { status: 'idle' }], form: { orderId, to: 'cancelled' } },
      { formArgs: [slug, { status: 'idle' }], form: { orderId: `${orderId}'`, to: 'preparing' } },
      { formArgs: ['another-restaurant', { status: 'idle' }], form: { orderId, to: 'preparing' } },
    ]) {
      const answer = await post({ cookie: adminCookie }, shape);
      expect(answer.status, JSON.stringify(shape).slice(0, 60)).toBeLessThan(500);
    }
    const asCustomer = await post({ cookie: await cookie(page) }, { formArgs: [slug, { status: 'idle' }], form: { orderId, to: 'preparing' } });
    expect(asCustomer.status).toBeLessThan(400);
    expect(asCustomer.headers['x-action-redirect']).toMatch(/^\/admin\/login/);
    const crossSite = await post({ cookie: adminCookie, Origin: 'https://evil.example' }, { formArgs: [slug, { status: 'idle' }], form: { orderId, to: 'preparing' } });
    expect(crossSite.status).toBeGreaterThanOrEqual(400);
    expect(crossSite.status).toBeLessThan(500);
    await admin.reload();
    await expect(row(admin)).toHaveAttribute('data-status', 'accepted');

    // The customer's page, polling, shows it and no longer offers to cancel.
    await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'accepted', { timeout: 10_000 });
    await expect(page.getByRole('button', { name: /Cancel order/ })).toHaveCount(0);

    // By keyboard, each step's answer held back until looked at (decision 075, as for cancel): the
    // button keeps focus while its step is saved (disabled, it had dropped focus to <body>) and for the
    // next step; once delivered the button is gone and its answer, announced, takes focus.
    const held: (() => void)[] = [];
    const thisPage = (url: URL) => url.pathname === adminPath;
    await admin.route(
      thisPage,
      async (route) => {
        if (route.request().method() === 'POST') await new Promise<void>((resolve) => held.push(resolve));
        await route.continue();
      },
    );
    const stepButton = row(admin).getByTestId('order-step').getByRole('button');
    await stepButton.focus();
    for (const [button, status] of [
      ['Mark preparing', 'preparing'],
      ['Mark out for delivery', 'out_for_delivery'],
      ['Mark delivered', 'delivered'],
    ] as const) {
      await expect(stepButton).toHaveAccessibleName(`${button}: order #${short}`);
      await expect(stepButton).toBeFocused();
      await admin.keyboard.press('Enter');
      await expect.poll(() => held.length).toBe(1);
      await expect(stepButton).toHaveText('Saving…');
      await expect(stepButton).toBeFocused();
      // A second Enter while it is saved sends nothing more.
      await admin.keyboard.press('Enter');
      held.shift()!();
      await expect(row(admin)).toHaveAttribute('data-status', status);
      expect(held).toHaveLength(0);
    }
    await admin.unroute(thisPage);
    await expect(row(admin).getByRole('button')).toHaveCount(0);
    const answer = row(admin).getByTestId('order-step-result');
    await expect(answer).toHaveText(`Order #${short} is now delivered. The customer gets a text.`);
    await expect(answer).toBeFocused();
    await expect(answer).toHaveAttribute('aria-live', 'polite');
    await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'delivered', { timeout: 10_000 });
  } finally {
    await adminContext.close();
  }
  const steps = [/ accepted order #/, / is preparing order #/, / is out for delivery$/, / delivered\. Enjoy/];
  for (const step of steps) await expect.poll(async () => (await textsTo(phone)).filter((text) => step.test(text))).toHaveLength(1);
});
