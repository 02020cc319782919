import { beforeEach, describe, expect, it, vi } from 'vitest';

const searchCity = vi.fn();
vi.mock('./cached', () => ({ searchCity: (...args: unknown[]) => searchCity(...args) }));

const { runPageSearch } = await import('./page');
const { searchTextOf } = await import('./query');

describe('the city page search', () => {
  beforeEach(() => {
    searchCity.mockReset();
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });

  it('reads q, the first of several, and treats an empty or blank one as no search', () => {
    expect(searchTextOf({ q: 'biryani' })).toBe('biryani');
    expect(searchTextOf({ q: ['dosa', 'idli'] })).toBe('dosa');
    for (const q of [undefined, '', '   ', []]) expect(searchTextOf({ q })).toBeUndefined();
    expect(searchTextOf({ veg: '1' })).toBeUndefined();
  });

  it('passes what searchCity answers through, a refused search included', async () => {
    searchCity.mockResolvedValueOnce({ status: 'invalid', message: 'A search can be at most 100 characters long.' });
    await expect(runPageSearch('delhi', 'x'.repeat(101), '203.0.113.7')).resolves.toEqual({ status: 'invalid', message: 'A search can be at most 100 characters long.' });
    expect(searchCity).toHaveBeenCalledWith('delhi', 'x'.repeat(101), '203.0.113.7');
  });

  it('turns a database that does not answer into a message for the page, not a thrown error', async () => {
    searchCity.mockRejectedValueOnce(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    await expect(runPageSearch('delhi', 'paneer')).resolves.toEqual({ status: 'unavailable', message: expect.stringMatching(/^Search isn’t answering right now/) });
    expect(console.error).toHaveBeenCalledWith(expect.stringContaining('search page: search failed'));
  });
});
