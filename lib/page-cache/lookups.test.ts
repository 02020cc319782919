import { describe, expect, it } from 'vitest';

import { beginLookup, joinsOlderRender, MAX_LOOKUPS } from './lookups';

describe('the record of shared pages\' lookups (the proxy\'s check against renders begun before a save)', () => {
  it('keeps at most MAX_LOOKUPS records, however many made-up addresses start renders that never end', async () => {
    const paths = Array.from({ length: MAX_LOOKUPS + 50 }, (_, index) => `/shared/menu/bengaluru/made-up-${index}`);
    for (const path of paths) beginLookup(path).settle({ values: ['g1'], hit: false });
    // The oldest records went; the newest are still checked.
    expect(await joinsOlderRender(paths[0]!)).toBe(false);
    const newest = beginLookup(paths.at(-1)!);
    newest.settle(null);
    expect(await joinsOlderRender(paths.at(-1)!)).toBe(true);
  });

  it('lets a HIT go, then sends the request to a lookup of its own', async () => {
    const path = '/shared/city/bengaluru';
    const lookup = beginLookup(path);
    const asked = joinsOlderRender(path);
    lookup.settle({ values: ['g1', '3'], hit: true });
    lookup.end();
    expect(await asked).toBe(false);
    expect(lookup.done).toBe(true);
  });
});
