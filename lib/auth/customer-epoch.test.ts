import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { customers } from '@/db/schema';
import { createTestPglite } from '@/tests/support/databases';

import { postgresEpochs, type CustomerEpochs } from './customer-epoch';

describe('customers’ session epochs in Postgres (decision 069)', () => {
  let database: DatabaseHandle;
  let epochs: CustomerEpochs;
  let customerId: number;

  beforeAll(async () => {
    database = await createTestPglite();
    epochs = postgresEpochs(database.db);
    const [row] = await database.db.insert(customers).values({ phone: '919800006901' }).returning({ id: customers.id });
    customerId = row!.id;
  });
  afterAll(async () => {
    await database.close();
  });

  it('keeps the first epoch offered and hands it to every later sign-in; the button replaces it', async () => {
    expect(await epochs.read(customerId)).toBeNull();
    expect(await epochs.adopt(customerId, 'first')).toBe('first');
    expect(await epochs.adopt(customerId, 'second')).toBe('first');
    expect(await epochs.read(customerId)).toBe('first');
    expect(await epochs.replace(customerId, 'after-the-button')).toBe(true);
    expect(await epochs.adopt(customerId, 'third')).toBe('after-the-button');
    expect(await epochs.read(customerId)).toBe('after-the-button');
    // A sign-in's replacement (a copy that disagreed) lands only on the epoch it read.
    expect(await epochs.replace(customerId, 'at-sign-in', 'first')).toBe(false);
    expect(await epochs.read(customerId)).toBe('after-the-button');
    expect(await epochs.replace(customerId, 'at-sign-in', 'after-the-button')).toBe(true);
    expect(await epochs.read(customerId)).toBe('at-sign-in');
  });

  it('has no epoch for a customer who does not exist, and makes none', async () => {
    expect(await epochs.adopt(999_999, 'made-up')).toBeNull();
    expect(await epochs.replace(999_999, 'made-up')).toBe(false);
    expect(await epochs.read(999_999)).toBeNull();
  });
});
