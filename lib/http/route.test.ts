import { describe, expect, it, vi } from 'vitest';

import { log } from '@/lib/log';

import { HttpError, jsonRoute } from './route';

describe('jsonRoute', () => {
  it('answers an HttpError with its status and message, never to be stored (some depend on who asks)', async () => {
    const answer = await jsonRoute(async () => {
      throw new HttpError(404, 'No such order.');
    })();
    expect(answer.status).toBe(404);
    expect(await answer.json()).toEqual({ error: 'No such order.' });
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('answers anything unexpected with a logged 500 that says nothing of the cause, not stored either', async () => {
    const logged = vi.spyOn(log, 'error').mockImplementation(() => {});
    const answer = await jsonRoute(async () => {
      throw new Error('connection refused at 10.0.0.5');
    })();
    expect(answer.status).toBe(500);
    expect(JSON.stringify(await answer.json())).not.toContain('10.0.0.5');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });

  it('passes a handler’s own answer through untouched', async () => {
    const own = Response.json({ status: 'placed' }, { headers: { 'Cache-Control': 'private, no-store' } });
    expect(await jsonRoute(async () => own)()).toBe(own);
  });
});
