import { afterAll, describe, expect, it } from 'vitest';

import { createMemoryStore } from '@/lib/redis/memory-store';

import { smsKeys } from './keys';
import { outboxSender, readOutbox } from './sender';

/**
 * Attack review: the demo outbox was one list whose TTL every push renewed, with no trim, so a
 * public demo used at least once a day kept every text ever sent (up to the daily caps, some 40,000
 * a day, which anyone can ask for) until Redis was full. Only the newest 1,000 are ever read.
 */
describe('the demo outbox', () => {
  const store = createMemoryStore();
  afterAll(() => store.close());

  it('keeps only the newest 1,000 texts, however many are sent', async () => {
    for (let n = 0; n < 1_050; n++) await outboxSender.send({ to: '919876500000', kind: 'order', body: `text ${n}` }, store);
    expect(await store.llen(smsKeys.outbox())).toBe(1_000);
    const [newest] = await readOutbox(store, 1);
    expect(newest?.body).toBe('text 1049');
    const oldest = await store.lrange(smsKeys.outbox(), -1, -1);
    expect(JSON.parse(oldest[0]!)).toMatchObject({ body: 'text 50' });
    expect(await store.pttl(smsKeys.outbox())).toBeGreaterThan(0);
  });
});
