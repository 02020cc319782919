import { gzipSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { decodedSize, decodeEntry, encodeEntry, isRenderedPage, type RenderedPage } from './entry';

const page: RenderedPage = {
  kind: 'APP_PAGE',
  html: '<!DOCTYPE html><p>₹249 · “Masala dosa”</p>',
  rscData: Buffer.from([0, 1, 2, 250, 255]),
  headers: { 'x-next-cache-tags': '_N_T_/layout,_N_T_/shared' },
  postponed: undefined,
  status: 200,
  segmentData: new Map([['/_tree', Buffer.from('tree')], ['/shared/$c$page', Buffer.from([9, 8, 7])]]),
};

describe('page entries', () => {
  it('round-trips a render, its bytes and its dependency values', () => {
    const decoded = decodeEntry(encodeEntry({ id: 'p1', page, storedAt: 1_700_000_000_000, dependencies: ['a', null, 'c'] }));
    expect(decoded).toEqual({ id: 'p1', page, storedAt: 1_700_000_000_000, dependencies: ['a', null, 'c'] });
    expect(decoded!.page.rscData!.equals(page.rscData!)).toBe(true);
  });

  it('stores it compressed', () => {
    const big = { ...page, html: `<main>${'<p class="text-sm text-muted">dosa</p>'.repeat(2000)}</main>` };
    const raw = encodeEntry({ id: 'p3', page: big, storedAt: 1, dependencies: [] });
    expect(raw.length).toBeLessThan(big.html.length / 5);
    expect(decodeEntry(raw)?.page.html).toBe(big.html);
  });

  it('counts a decoded entry by what it holds, not by its compressed form', () => {
    const entry = { id: 'p4', page, storedAt: 1, dependencies: [] };
    const segments = [...page.segmentData!].reduce((sum, [path, data]) => sum + path.length * 2 + data.length, 0);
    expect(decodedSize(entry)).toBe(page.html.length * 2 + page.rscData!.length + segments);
    const big = { ...entry, page: { ...page, html: 'x'.repeat(100_000) } };
    expect(decodedSize(big)).toBeGreaterThan(encodeEntry(big).length * 10);
  });

  it('keeps a render without a payload or segments as such', () => {
    const bare = { ...page, rscData: undefined, segmentData: undefined, headers: undefined, status: undefined };
    expect(decodeEntry(encodeEntry({ id: 'p2', page: bare, storedAt: 1, dependencies: [] }))?.page).toEqual(bare);
  });

  it('reads anything else as no entry', () => {
    expect(decodeEntry('not base64 gzip')).toBeNull();
    const gz = (text: string) => gzipSync(text).toString('base64');
    for (const raw of ['', 'not json', 'null', '{}', '{"v":2,"id":"x","html":"x","deps":[],"at":1}', '{"v":1,"id":"x","html":3,"deps":[],"at":1}', '{"v":1,"html":"x","deps":[],"at":1}']) {
      expect(decodeEntry(gz(raw))).toBeNull();
    }
  });

  it('takes only a complete App Router page as a render to store', () => {
    expect(isRenderedPage(page)).toBe(true);
    expect(isRenderedPage({ ...page, postponed: 'partial' })).toBe(false);
    expect(isRenderedPage({ ...page, kind: 'APP_ROUTE' })).toBe(false);
    expect(isRenderedPage(null)).toBe(false);
  });
});
