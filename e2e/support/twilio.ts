import { expect, type Page } from '@playwright/test';

import type { FakeMessage } from '@/tests/support/fake-twilio';

import { E2E_FAKE_TWILIO_PORT, E2E_TWILIO_PORT } from './config';
import { openMenuPath, orderOneDish } from './customer';

/**
 * The twilio server (SMS_SENDER=twilio, against the local fake of Twilio: tests/support/fake-twilio.ts),
 * where an order waits two minutes for each step of the simulated kitchen, and what it texted.
 */
export const TWILIO_BASE = `http://127.0.0.1:${E2E_TWILIO_PORT}`;
const FAKE_TWILIO = `http://127.0.0.1:${E2E_FAKE_TWILIO_PORT}`;

/** Every message the fake Twilio was asked to send to `phone`, oldest first. */
export async function messagesTo(phone: string): Promise<FakeMessage[]> {
  const response = await fetch(`${FAKE_TWILIO}/__fake/messages`);
  return ((await response.json()) as FakeMessage[]).filter((message) => message.to === `+91${phone}`);
}

/** Their bodies. */
export async function textsTo(phone: string): Promise<string[]> {
  return (await messagesTo(phone)).map((message) => message.body);
}

/** Makes the fake Twilio fail its next request as `failure` says. */
export async function failNextText(failure: Record<string, unknown>): Promise<void> {
  await fetch(`${FAKE_TWILIO}/__fake/fail`, { method: 'POST', body: JSON.stringify(failure) });
}

/** Signs in on the twilio server with the code the fake Twilio received, then lands on `next`. */
export async function signInThroughTwilio(page: Page, phone: string, next: string): Promise<void> {
  await page.goto(`${TWILIO_BASE}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Mobile number').fill(phone);
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByLabel('Code')).toBeVisible();
  let code = '';
  await expect.poll(async () => (code = /(\d{6}) is your Thali sign-in code/.exec((await textsTo(phone)).join('\n'))?.[1] ?? '')).not.toBe('');
  await page.getByLabel('Code').fill(code);
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
}

/**
 * A new customer (`phone`) signs in on the twilio server at Bengaluru's first open restaurant and
 * orders one dish there; answers the restaurant's slug and the order's id, the page on the order.
 */
export async function placeOrderThroughTwilio(page: Page, phone: string): Promise<{ slug: string; orderId: string }> {
  const menuPath = await openMenuPath(page, TWILIO_BASE);
  await signInThroughTwilio(page, phone, menuPath);
  await expect(page).toHaveURL(`${TWILIO_BASE}${menuPath}`);
  const orderPath = await orderOneDish(page, TWILIO_BASE);
  return { slug: menuPath.split('/').pop()!, orderId: orderPath.split('/').pop()! };
}
