import { describe, expect, it, vi } from 'vitest';

import { log } from '@/lib/log';
import { DeadlineError } from '@/lib/server/deadline';

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

  it('answers a 503 for a deadline thrown by another copy of lib/server/deadline (production: the database handle is made by the start-up bundle, each route has its own copy)', async () => {
    const warned = vi.spyOn(log, 'warn').mockImplementation(() => {});
    vi.resetModules();
    const copy = await import('@/lib/server/deadline');
    expect(copy.DeadlineError).not.toBe(DeadlineError);
    const silent = new copy.DeadlineError('Postgres query not sent: the server has not answered since a query met its deadline', false);
    const answer = await jsonRoute(async () => {
      throw new Error('Failed query: select 1', { cause: silent });
    })();
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('5');
    warned.mockRestore();
  });

  it('answers a database that did not answer with a 503 to retry, not a 500 (Postgres stopped or frozen, nothing cached)', async () => {
    const warned = vi.spyOn(log, 'warn').mockImplementation(() => {});
    // As drizzle throws them: "Failed query: …" with the driver's error as its cause.
    const failedQuery = (cause: unknown) => new Error('Failed query: select "cities"."slug" from "cities"', { cause });
    const causes = [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5441'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('write CONNECT_TIMEOUT 127.0.0.1:5441'), { code: 'CONNECT_TIMEOUT' }),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
      new DeadlineError('Postgres query not sent: the server has not answered since a query met its deadline', false),
      // A server too slow for statement_timeout (it fires 1 s before the client's deadline), and one
      // whose connections are all taken: as transient as the above, and no bug of the app's.
      Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
      Object.assign(new Error('sorry, too many clients already'), { code: '53300' }),
    ];
    for (const cause of causes) {
      const answer = await jsonRoute(async () => {
        throw failedQuery(cause);
      })();
      expect(answer.status, String(cause)).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('5');
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(JSON.stringify(await answer.json())).not.toContain('5441');
    }
    // A query Postgres answered with an error of its own is still a bug: a 500.
    const logged = vi.spyOn(log, 'error').mockImplementation(() => {});
    const bug = await jsonRoute(async () => {
      throw failedQuery(Object.assign(new Error('column "nope" does not exist'), { code: '42703' }));
    })();
    expect(bug.status).toBe(500);
    logged.mockRestore();
    warned.mockRestore();
  });

  it('passes a handler’s own answer through untouched', async () => {
    const own = Response.json({ status: 'placed' }, { headers: { 'Cache-Control': 'private, no-store' } });
    expect(await jsonRoute(async () => own)()).toBe(own);
  });
});
