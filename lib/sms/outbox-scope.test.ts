import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Env } from '@/lib/env';
import { newDevice, withPhone } from '@/lib/customers/device';
import { createMemoryStore } from '@/lib/redis/memory-store';

import { smsKeys } from './keys';
import { outboxSender, readOutboxFor } from './sender';

// Counts the digests and key derivations a view of the outbox makes.
const counted = vi.hoisted(() => ({ digests: 0, derivations: 0 }));
vi.mock('@/lib/security/signed', async (original) => {
  const actual = await original<typeof import('@/lib/security/signed')>();
  return {
    ...actual,
    keyedDigest: (...args: Parameters<typeof actual.keyedDigest>) => {
      counted.digests++;
      return actual.keyedDigest(...args);
    },
  };
});
vi.mock('node:crypto', async (original) => {
  const actual = await original<typeof import('node:crypto')>();
  const hkdfSync = (...args: Parameters<typeof actual.hkdfSync>) => {
    counted.derivations++;
    return actual.hkdfSync(...args);
  };
  return { ...actual, default: { ...actual, hkdfSync }, hkdfSync };
});

const PRODUCTION = { NODE_ENV: 'production' } as Env;
const MINE = '919876543210';

/**
 * Attack review: each view of the production outbox read all 1,000 kept texts and derived a key
 * (HKDF) and a digest for every one of them, some 180 ms of CPU a view, for a page that refreshes
 * itself every 3 s and that anyone may load: one address at the page rate limit kept both cores of a
 * server busy. A browser with no device now reads nothing, and a view makes one digest per number.
 */
describe('the production outbox, scoped to a browser', () => {
  const store = createMemoryStore();
  afterAll(() => store.close());

  beforeEach(async () => {
    await store.del([smsKeys.outbox()]);
    for (let n = 0; n < 1_000; n++) {
      await outboxSender.send({ to: n % 2 === 0 ? MINE : '919812345678', kind: 'order', body: `text ${n}` }, store);
    }
  });

  it('reads nothing for a browser without a device', async () => {
    const lrange = vi.spyOn(store, 'lrange');
    expect(await readOutboxFor(null, PRODUCTION, store)).toEqual([]);
    expect(lrange).not.toHaveBeenCalled();
    lrange.mockRestore();
  });

  it('makes one digest per number and derives its key once, however many texts there are', async () => {
    const device = withPhone(newDevice(), MINE);
    counted.digests = 0;
    counted.derivations = 0;
    const shown = await readOutboxFor(device, PRODUCTION, store);
    expect(shown).toHaveLength(50);
    expect(shown.every((message) => message.to === MINE)).toBe(true);
    expect(counted.digests).toBeLessThanOrEqual(2);
    expect(counted.derivations).toBeLessThanOrEqual(1);
  });

  it('shows a device that signed in with no number only its own codes', async () => {
    const device = newDevice();
    await outboxSender.send({ to: MINE, kind: 'otp', body: 'a code', device: device.id }, store);
    await outboxSender.send({ to: MINE, kind: 'otp', body: 'another browser’s code', device: newDevice().id }, store);
    counted.digests = 0;
    expect((await readOutboxFor(device, PRODUCTION, store)).map((message) => message.body)).toEqual(['a code']);
    expect(counted.digests).toBe(0);
  });
  // Attack review (later): each view read all 1,000 kept texts, 261 KB from Redis a view against 29 B
  // for the sign-in page; one address at the page budget pulled 157 MB a minute (on Upstash, billed).
  it('views within a second share one read of the kept texts, and a text sent meanwhile shows at once', async () => {
    const lrange = vi.spyOn(store, 'lrange');
    const devices = Array.from({ length: 20 }, () => newDevice());
    await Promise.all(devices.map((device) => readOutboxFor(device, PRODUCTION, store)));
    for (const device of devices) await readOutboxFor(device, PRODUCTION, store);
    expect(lrange).toHaveBeenCalledTimes(1);
    const [device] = devices;
    await outboxSender.send({ to: MINE, kind: 'otp', body: 'a fresh code', device: device!.id }, store);
    expect((await readOutboxFor(device!, PRODUCTION, store)).map((message) => message.body)).toEqual(['a fresh code']);
    expect(lrange).toHaveBeenCalledTimes(2);
    lrange.mockRestore();
  });

  it('a read that failed is not handed to the next view', async () => {
    await outboxSender.send({ to: MINE, kind: 'order', body: 'after the failure' }, store);
    const lrange = vi.spyOn(store, 'lrange').mockRejectedValueOnce(new Error('Redis did not answer'));
    const device = withPhone(newDevice(), MINE);
    await expect(readOutboxFor(device, PRODUCTION, store)).rejects.toThrow('Redis did not answer');
    expect((await readOutboxFor(device, PRODUCTION, store))[0]?.body).toBe('after the failure');
    expect(lrange).toHaveBeenCalledTimes(2);
    lrange.mockRestore();
  });
});
