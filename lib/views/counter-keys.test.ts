import { beforeEach, describe, expect, it } from 'vitest';

import { counterKeys, parseCounterKey } from './keys';
import { globMatch } from '@/lib/redis/glob';
import { parseEnv } from '@/lib/env';
import { singletons } from '@/lib/server/singletons';

import { flushIdTime, newFlushId, timePrefix } from './flush-id';

describe('counter keys', () => {
  beforeEach(() => {
    singletons().env = parseEnv({ NODE_ENV: 'test', REDIS_KEY_PREFIX: 'preview' });
  });

  it('builds colon-separated, versioned keys with the entity in a hash tag', () => {
    expect(counterKeys.viewsDay('dosa-corner', '2025-03-09')).toBe('preview:views:v1:restaurant:{dosa-corner}:day:2025-03-09');
    expect(counterKeys.viewsFlush('dosa-corner', '2025-03-09', 'abc')).toBe(
      'preview:views:v1:restaurant:{dosa-corner}:day:2025-03-09:flush:abc',
    );
    expect(counterKeys.viewSeen('dosa-corner', 'vid')).toBe('preview:views:v1:seen:{dosa-corner}:vid');
    expect(counterKeys.trendingHour('pune', '2025030912')).toBe('preview:trending:v1:city:{pune}:hour:2025030912');
  });

  it('parses what it builds, and nothing else', () => {
    const flushId = newFlushId();
    expect(parseCounterKey(counterKeys.viewsDay('a-1', '2025-03-09'))).toEqual({ kind: 'day', slug: 'a-1', day: '2025-03-09' });
    expect(parseCounterKey(counterKeys.viewsFlush('a-1', '2025-03-09', flushId))).toEqual({
      kind: 'flush',
      slug: 'a-1',
      day: '2025-03-09',
      flushId,
    });
    expect(parseCounterKey(counterKeys.viewsFlushing('a-1'))).toEqual({ kind: 'flushing', slug: 'a-1' });
    expect(parseCounterKey(counterKeys.viewSeen('a-1', 'v'))).toBeUndefined();
    expect(parseCounterKey('views:v1:restaurant:{a-1}:day:2025-03-09')).toBeUndefined(); // another prefix
    expect(parseCounterKey('preview:views:v1:restaurant:{a-1}:day:2025-3-9')).toBeUndefined();
  });

  it('SCANs every views key of every restaurant, and nothing else', () => {
    const pattern = counterKeys.viewsRestaurantPattern();
    expect(globMatch(pattern, counterKeys.viewsDay('a-1', '2025-03-09'))).toBe(true);
    expect(globMatch(pattern, counterKeys.viewsFlush('a-1', '2025-03-09', newFlushId()))).toBe(true);
    expect(globMatch(pattern, counterKeys.viewsFlushing('a-1'))).toBe(true);
    expect(globMatch(pattern, counterKeys.viewSeen('a-1', 'v'))).toBe(false);
    expect(globMatch(pattern, counterKeys.trendingHour('pune', '2025030912'))).toBe(false);
  });
});

describe('flush ids', () => {
  it('are random, carry their time, and sort by it', () => {
    const at = Date.UTC(2025, 2, 9);
    const id = newFlushId(at);
    expect(id).not.toBe(newFlushId(at));
    expect(flushIdTime(id)).toBe(at);
    expect(newFlushId(at - 1) < timePrefix(at)).toBe(true);
    expect(id > timePrefix(at)).toBe(true);
    expect(flushIdTime('not-an-id')).toBeNaN();
  });
});
