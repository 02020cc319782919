import { describe, expect, it } from 'vitest';

import { CACHE_WARNING, formValues, stateFromOutcome, stateFromPurge } from './action-state';

describe('admin action state', () => {
  const context = { values: { price: 'abc' }, saved: 'Saved.', notFound: 'Gone.' };

  it('words the warning for a save that Redis did not take at once: committed, retried, and within what bound', () => {
    expect(CACHE_WARNING).toBe(
      'Saved. The cache did not take the change yet, so some customers may still see the old version: it is retried every second, and customers see the change within 5 seconds of the cache answering again.',
    );
  });

  it('reads form fields without React’s bookkeeping entries', () => {
    const data = new FormData();
    data.set('name', 'Idli');
    data.set('$ACTION_ID_abc', '');
    data.set('veg', 'on');
    expect(formValues(data)).toEqual({ name: 'Idli', veg: 'on' });
  });

  it('turns each mutation outcome into form state', () => {
    expect(stateFromOutcome({ status: 'saved', value: {}, invalidation: { keys: ['k'], ok: true } }, context)).toEqual({
      status: 'saved',
      message: 'Saved.',
      invalidatedKeys: ['k'],
    });
    expect(stateFromOutcome({ status: 'saved', value: {}, invalidation: { keys: ['k'], ok: false } }, context)).toMatchObject({
      status: 'saved',
      cacheWarning: CACHE_WARNING,
    });
    expect(stateFromOutcome({ status: 'invalid', fieldErrors: { price: ['Bad'] } }, context)).toMatchObject({
      status: 'invalid',
      fieldErrors: { price: ['Bad'] },
      values: { price: 'abc' },
    });
    expect(stateFromOutcome({ status: 'conflict', message: 'Someone else saved.' }, context)).toEqual({
      status: 'conflict',
      message: 'Someone else saved.',
      values: { price: 'abc' },
    });
    expect(stateFromOutcome({ status: 'not-found' }, context)).toEqual({ status: 'failed', message: 'Gone.' });
  });
});

describe('purge answers', () => {
  const context = { what: '“menu”' };

  it('lists what was purged and says what was kept', () => {
    expect(stateFromPurge({ status: 'purged', keys: ['a', 'b'], total: 2, generationsKept: 2, ok: true, complete: true }, context)).toEqual({
      status: 'saved',
      message: 'Purged 2 keys from “menu”: the next customer load of each reads Postgres. 2 generation keys were kept and rotated, never deleted.',
      invalidatedKeys: ['a', 'b'],
    });
  });

  it('warns when Redis was missed or the purge stopped early, and counts unlisted keys', () => {
    const state = stateFromPurge({ status: 'purged', keys: ['a'], total: 5, generationsKept: 0, ok: false, complete: false }, context);
    expect(state).toMatchObject({ status: 'saved', unlisted: 4 });
    expect(state.status === 'saved' && state.cacheWarning).toMatch(/within 5 seconds of Redis answering again.*purge again/);
  });

  it('passes refusals on', () => {
    expect(stateFromPurge({ status: 'rejected', message: 'No.' }, context)).toEqual({ status: 'failed', message: 'No.' });
  });
});
