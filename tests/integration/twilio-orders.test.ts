import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { orderEvents } from '@/db/schema';
import { cartKeys, cartOwners } from '@/lib/cart/keys';
import { customerIdFor } from '@/lib/customers/accounts';
import { twilioSender } from '@/lib/sms/twilio';
import { placeOrder } from '@/lib/orders/checkout';
import { notifyOrder } from '@/lib/orders/texts';
import { createMemoryStore } from '@/lib/redis/memory-store';

import { installBackends } from '../support/app-context';
import { testAddress } from '../support/addresses';
import { createTestPglite } from '../support/databases';
import { startFakeTwilio, type FakeTwilio } from '../support/fake-twilio';
import { orderableItem } from '../support/menus';
import { uniquePrefix } from '../support/services';

/**
 * Review finding M4 (docs/decisions/012-sms-provider-twilio.md): an order text whose send timed out
 * after Twilio had taken it was given back to the queue, whose retry texted the customer again. An
 * ambiguous send (no answer once the request went out) now keeps its claim: the text is sent at
 * most once, and a send that surely failed is still retried.
 */
const SID = `AC${'2'.repeat(32)}`;
const TOKEN = 'fake-twilio-auth-token-0123456789';

describe('order texts through Twilio when a send is ambiguous', () => {
  let fake: FakeTwilio;
  let db: DatabaseHandle;
  const store = createMemoryStore();
  let restaurant: { id: number; slug: string };
  let itemId: number;

  beforeAll(async () => {
    fake = await startFakeTwilio({ accountSid: SID, authToken: TOKEN });
    db = await createTestPglite();
    installBackends({ redis: store, database: db, env: { REDIS_KEY_PREFIX: uniquePrefix('twilio-orders'), ORDER_STEP_DELAY_MS: '60000' } });
    ({ restaurant, itemId } = await orderableItem(db.db));
  });
  afterAll(async () => {
    await fake.close();
    await db?.close();
  });

  const sender = () =>
    twilioSender(
      { TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_FROM: '+15005550006', TWILIO_MESSAGING_SERVICE_SID: undefined, TWILIO_API_BASE_URL: fake.url },
      { attemptTimeoutMs: 2_000, sleep: async () => {} },
    );

  async function place(phone: string): Promise<string> {
    const customerId = await customerIdFor(phone, db.db);
    await store.hset(cartKeys.cart(cartOwners.customer(customerId)), { restaurant: restaurant.slug, [`item:${restaurant.slug}:${itemId}`]: '1' });
    const result = await placeOrder({ customerId }, { addressId: await testAddress(db.db, customerId), idempotencyKey: `twilio-orders-${phone}` }, { enqueue: async () => {} });
    if (result.status !== 'placed') throw new Error(result.status);
    return result.order.id;
  }

  /** What the queue does with a job: runs it, and runs it again if it threw (up to three times). */
  async function deliver(orderId: string): Promise<string[]> {
    const outcomes: string[] = [];
    for (let run = 0; run < 3; run += 1) {
      try {
        outcomes.push(await notifyOrder({ orderId, status: 'placed' }, { db: db.db, store, sender: sender() }));
        break;
      } catch (error) {
        outcomes.push(`threw: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return outcomes;
  }

  it('a send that timed out after Twilio took the message is not sent again', async () => {
    const orderId = await place('919800000301');
    fake.failNext({ lateMs: 4_000 });
    const outcomes = await deliver(orderId);
    expect(fake.messages.filter((message) => message.to === '+919800000301')).toHaveLength(1);
    expect(outcomes).toEqual(['unknown']);
    // The claim stays: a later redelivery (the reconciler, a duplicate job) sends nothing either.
    expect(await notifyOrder({ orderId, status: 'placed' }, { db: db.db, store, sender: sender() })).toBe('already-sent');
    const [event] = await db.db.select().from(orderEvents).where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.status, 'placed')));
    expect(event?.textClaimedAt).not.toBeNull();
    expect(event?.textSentAt).toBeNull();
  });

  it('a send that surely failed (Twilio busy on every try) is retried and sent once', async () => {
    const orderId = await place('919800000302');
    fake.failNext({ status: 429 }, 3);
    const outcomes = await deliver(orderId);
    expect(outcomes).toEqual([expect.stringMatching(/^threw: twilio: HTTP 429/), 'sent']);
    expect(fake.messages.filter((message) => message.to === '+919800000302')).toHaveLength(1);
  });

  // Review finding: a 4xx other than 429 (an unsubscribed or invalid number, bad credentials) is Twilio's
  // answer to this message, not a moment's trouble. Given back, each of the queue's five tries asked
  // again, then the reconciler queued the text anew every minute for an hour: 300 calls and 60 dead letters.
  it('a send Twilio refuses for good (400) is not asked again: the claim stays, nothing is thrown for a retry', async () => {
    const orderId = await place('919800000303');
    fake.failNext({ status: 400 });
    const before = fake.requests.length;
    expect(await deliver(orderId)).toEqual(['refused']);
    expect(fake.requests.length - before).toBe(1);
    expect(fake.messages.filter((message) => message.to === '+919800000303')).toHaveLength(0);
    // The reconciler's pass looks for unclaimed events only: this one stays claimed, and a redelivery sends nothing.
    const [event] = await db.db.select().from(orderEvents).where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.status, 'placed')));
    expect(event?.textClaimedAt).not.toBeNull();
    expect(event?.textSentAt).toBeNull();
    expect(await notifyOrder({ orderId, status: 'placed' }, { db: db.db, store, sender: sender() })).toBe('already-sent');
  });
});
