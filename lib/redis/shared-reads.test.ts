import { describe, expect, it } from 'vitest';

import { SHARE_WINDOW_MS, sharedRead } from './shared-reads';

/** A read whose answers the test releases one by one; each answer is the value current when it was sent. */
function controlledStore() {
  let value = 'v1';
  const pending: (() => void)[] = [];
  let sent = 0;
  return {
    store: {},
    write: (next: string) => (value = next),
    read: () => {
      sent += 1;
      const answer = value;
      return new Promise<string>((resolve) => pending.push(() => resolve(answer)));
    },
    answerNext: async () => {
      pending.shift()!();
      // Let the answer's callbacks (and any read they send) run.
      for (let turn = 0; turn < 5; turn += 1) await Promise.resolve();
    },
    sent: () => sent,
  };
}

describe('sharedRead', () => {
  it('never answers a reader with a read sent before it asked, so a write acknowledged before it arrived is seen', async () => {
    const redis = controlledStore();
    const first = sharedRead(redis.store, 'k', redis.read);
    redis.write('v2'); // acknowledged while the first read is out
    const second = sharedRead(redis.store, 'k', redis.read);
    await redis.answerNext();
    await redis.answerNext();
    expect(await first).toBe('v1');
    expect(await second).toBe('v2');
  });

  it('sends one read for every reader that asked while another was out', async () => {
    const redis = controlledStore();
    const first = sharedRead(redis.store, 'k', redis.read);
    const joiners = Array.from({ length: 20 }, () => sharedRead(redis.store, 'k', redis.read));
    expect(redis.sent()).toBe(1);
    await redis.answerNext();
    expect(redis.sent()).toBe(2);
    await redis.answerNext();
    expect(await first).toBe('v1');
    expect(await Promise.all(joiners)).toEqual(Array.from({ length: 20 }, () => 'v1'));
    expect(redis.sent()).toBe(2);
  });

  it('sends the next read within the window even while the read out has not come back (a slow Redis)', async () => {
    const redis = controlledStore();
    void sharedRead(redis.store, 'k', redis.read); // never answered
    redis.write('v2');
    const joined = sharedRead(redis.store, 'k', redis.read);
    await new Promise((resolve) => setTimeout(resolve, SHARE_WINDOW_MS * 4));
    expect(redis.sent()).toBe(2);
    await redis.answerNext(); // the first read, still v1: nobody who joined gets it
    await redis.answerNext();
    expect(await joined).toBe('v2');
  });

  it('sends at once when nothing is out, and keeps keys and stores apart', async () => {
    const redis = controlledStore();
    const other = controlledStore();
    void sharedRead(redis.store, 'a', redis.read);
    void sharedRead(redis.store, 'b', redis.read);
    void sharedRead(other.store, 'a', other.read);
    expect(redis.sent()).toBe(2);
    expect(other.sent()).toBe(1);
    await redis.answerNext();
    await redis.answerNext();
    const later = sharedRead(redis.store, 'a', redis.read);
    expect(redis.sent()).toBe(3);
    await redis.answerNext();
    expect(await later).toBe('v1');
  });

  it('hands a failed read to its readers and leaves no rejection unhandled, then sends afresh', async () => {
    const unhandled: unknown[] = [];
    const note = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', note);
    try {
      const store = {};
      await expect(sharedRead(store, 'k', () => Promise.reject(new Error('no answer')))).rejects.toThrow('no answer');
      // Unhandled rejections are reported after the microtask queue drains.
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).toEqual([]);
      expect(await sharedRead(store, 'k', async () => 'v1')).toBe('v1');
    } finally {
      process.off('unhandledRejection', note);
    }
  });
});
