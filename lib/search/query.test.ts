import { describe, expect, it } from 'vitest';

import { MAX_QUERY_LENGTH, normalizeQuery } from './query';

describe('normalizeQuery', () => {
  it('trims, lowercases, collapses spaces and composes to NFC', () => {
    expect(normalizeQuery('  Paneer \t  TIKKA\n')).toEqual({ ok: true, query: 'paneer tikka' });
    // "café" typed as e + combining acute (NFD) and as é (NFC) is one search, one cache entry.
    expect(normalizeQuery('Cafe\u0301')).toEqual(normalizeQuery('café'));
    expect(normalizeQuery('Cafe\u0301')).toEqual({ ok: true, query: 'café' });
  });

  it('refuses an empty or missing search', () => {
    for (const raw of [undefined, null, '', '   ', 42, ['biryani']]) {
      expect(normalizeQuery(raw)).toEqual({ ok: false, message: expect.stringMatching(/Type something/) });
    }
  });

  it('refuses a search without two letters or digits', () => {
    expect(normalizeQuery('a')).toMatchObject({ ok: false, message: expect.stringMatching(/at least 2/) });
    expect(normalizeQuery('!!! ??')).toMatchObject({ ok: false, message: expect.stringMatching(/at least 2/) });
    expect(normalizeQuery('65')).toEqual({ ok: true, query: '65' });
  });

  it(`accepts ${MAX_QUERY_LENGTH} characters and refuses more, however they are padded`, () => {
    expect(normalizeQuery('a'.repeat(MAX_QUERY_LENGTH))).toMatchObject({ ok: true });
    expect(normalizeQuery('é'.repeat(MAX_QUERY_LENGTH))).toMatchObject({ ok: true });
    expect(normalizeQuery('a'.repeat(MAX_QUERY_LENGTH + 1))).toEqual({ ok: false, message: `A search can be at most ${MAX_QUERY_LENGTH} characters long.` });
    expect(normalizeQuery('x'.repeat(500))).toMatchObject({ ok: false });
    expect(normalizeQuery(' '.repeat(10_000) + 'biryani')).toMatchObject({ ok: false });
  });

  it('refuses control characters and bidi overrides, but reads tabs and line breaks as spaces', () => {
    for (const raw of ['bir\u0000yani', 'biryani\u001b[31m', 'biry\u007fani', 'paneer\u0085', 'abc\u202Edef']) {
      expect(normalizeQuery(raw)).toEqual({ ok: false, message: 'A search can’t contain control characters.' });
    }
    expect(normalizeQuery('paneer\r\ntikka')).toEqual({ ok: true, query: 'paneer tikka' });
  });
});
