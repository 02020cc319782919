import { E2E_TWILIO } from './support/config';
import { uniquePhone } from './support/customer';
import { expect, test, type Page } from './support/test';
import { failNextText, messagesTo, TWILIO_BASE } from './support/twilio';

/**
 * Sign-in codes through the real Twilio sender (SMS_SENDER=twilio) of a production server, against a
 * local fake of Twilio's Messages API that checks the auth and the request's shape and fails on
 * demand (tests/support/fake-twilio.ts).
 */
const base = TWILIO_BASE;

async function askForCode(page: Page, phone: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('Mobile number').fill(phone);
  await page.getByRole('button', { name: 'Send code' }).click();
}

test.describe('texts through Twilio', () => {
  test('a customer signs in with the code Twilio was asked to text, sent From the configured number', async ({ page }) => {
    const phone = uniquePhone();
    await askForCode(page, phone);
    await expect(page.getByLabel('Code')).toBeVisible();
    const [text] = await messagesTo(phone);
    expect(text).toMatchObject({ from: E2E_TWILIO.from, body: expect.stringMatching(/^\d{6} is your Thali sign-in code/) });
    await page.getByLabel('Code').fill(/^(\d{6})/.exec(text!.body)![1]!);
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await expect(page).toHaveURL(`${base}/account`);
    // No demo mode: nothing here is an outbox.
    await expect(page.getByTestId('demo-banner')).toHaveCount(0);
    expect((await fetch(`${base}/dev/outbox`)).status).toBe(404);
  });

  test('a 503 with Retry-After is retried and the code still arrives once', async ({ page }) => {
    const phone = uniquePhone();
    await failNextText({ status: 503, retryAfter: 0 });
    await askForCode(page, phone);
    await expect(page.getByLabel('Code')).toBeVisible();
    expect(await messagesTo(phone)).toHaveLength(1);
  });

  test('a failure that may have sent is not retried: the customer is told, and may ask again at once', async ({ page }) => {
    const phone = uniquePhone();
    await failNextText({ status: 500 });
    await askForCode(page, phone);
    await expect(page.getByTestId('otp-error')).toHaveText(/temporarily unavailable/);
    expect(await messagesTo(phone)).toHaveLength(0);
    await page.getByLabel('Mobile number').fill(phone);
    await page.getByRole('button', { name: 'Send code' }).click();
    await expect(page.getByLabel('Code')).toBeVisible();
    expect(await messagesTo(phone)).toHaveLength(1);
  });
});
