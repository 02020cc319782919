import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { admins, auditLog } from '@/db/schema';
import { queueKeys } from '@/lib/queue/keys';
import { discardDeadLetter, readQueues, retryDeadLetter } from '@/lib/queue/admin';
import { pushJob } from '@/lib/queue/job-store';
import { processOne } from '@/lib/queue/process';
import { createMemoryStore } from '@/lib/redis/memory-store';
import type { RedisStore } from '@/lib/redis/types';

import { installBackends } from '../support/app-context';
import { createTestPglite } from '../support/databases';

/** The admin's retry and discard of dead letters, audited in Postgres (in-process store + PGlite). */
describe('queue admin operations', () => {
  let redis: RedisStore;
  let db: DatabaseHandle;
  let adminId: number;

  beforeAll(async () => {
    redis = createMemoryStore();
    db = await createTestPglite();
    installBackends({ redis, database: db, env: { QUEUE_MAX_ATTEMPTS: '1' } });
    const [admin] = await db.db.insert(admins).values({ email: 'queue-admin@thali.test', name: 'Q', passwordHash: 'unused' }).returning({ id: admins.id });
    adminId = admin!.id;
  });

  afterAll(async () => {
    await redis.close();
    await db.close();
  });

  const failing = new Map([['boom', async () => Promise.reject(new Error('always fails'))]]);
  const lastAudit = async () => (await db.db.select().from(auditLog).where(eq(auditLog.adminId, adminId)).orderBy(desc(auditLog.id)).limit(1))[0];

  async function deadJob(): Promise<string> {
    const id = await pushJob('orders', { type: 'boom', payload: { n: 1 } });
    expect(await processOne('orders', failing)).toEqual({ status: 'dead', jobId: id });
    return id;
  }

  it('shows depth, in-flight and dead letters', async () => {
    const dead = await deadJob();
    await pushJob('orders', { type: 'boom', payload: null });
    const read = await readQueues();
    expect(read.ok).toBe(true);
    const orders = read.ok ? read.queues.find((queue) => queue.queue === 'orders') : undefined;
    expect(orders).toMatchObject({ ready: 1, inFlightTotal: 0, deadTotal: 1, dead: [{ id: dead, lastError: 'always fails' }] });
    await redis.del([queueKeys.ready('orders')]);
  });

  it('shows how many jobs finished and the most recent ones, newest first (the page showed none)', async () => {
    const ok = new Map([['fine', async () => {}]]);
    const first = await pushJob('notifications', { type: 'fine', payload: null });
    expect(await processOne('notifications', ok)).toEqual({ status: 'done', jobId: first });
    // Finish times are kept to the millisecond: two jobs finished within one are in no defined order.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await pushJob('notifications', { type: 'fine', payload: null });
    expect(await processOne('notifications', ok)).toEqual({ status: 'done', jobId: second });
    const read = await readQueues();
    const notifications = read.ok ? read.queues.find((queue) => queue.queue === 'notifications') : undefined;
    expect(notifications?.finishedTotal).toBe(2);
    expect(notifications?.finished.map((job) => [job.id, job.type])).toEqual([
      [second, 'fine'],
      [first, 'fine'],
    ]);
  });

  it('retry moves a dead job back to ready, audited', async () => {
    const id = (await redis.lrange(queueKeys.dead('orders'), 0, -1))[0]!;
    expect(await retryDeadLetter(adminId, 'orders', id)).toEqual({ status: 'done' });
    expect(await redis.lrange(queueKeys.ready('orders'), 0, -1)).toEqual([id]);
    expect(await redis.llen(queueKeys.dead('orders'))).toBe(0);
    expect(await lastAudit()).toMatchObject({ action: 'queue.retry', target: `job:${id}`, changes: { queue: 'orders', finished: true, done: true } });
    // Not dead any more: rejected (and audited as not done).
    expect((await retryDeadLetter(adminId, 'orders', id)).status).toBe('rejected');
  });

  it('discard removes a dead job for good, audited; bad input is rejected unaudited', async () => {
    await redis.del([queueKeys.ready('orders')]);
    const id = await deadJob();
    expect(await discardDeadLetter(adminId, 'orders', id)).toEqual({ status: 'done' });
    expect(await redis.llen(queueKeys.dead('orders'))).toBe(0);
    expect(await redis.exists([queueKeys.job('orders', id)])).toBe(0);
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: 'queue.discard', target: `job:${id}`, changes: { finished: true, done: true } });

    expect((await discardDeadLetter(adminId, 'nope', id)).status).toBe('rejected');
    expect((await discardDeadLetter(adminId, 'orders', '../x')).status).toBe('rejected');
    expect((await lastAudit())!.id).toBe(audit!.id);
  });
});
