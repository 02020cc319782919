import { randomUUID } from 'node:crypto';

import { desc, eq } from 'drizzle-orm';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { admins, cacheInvalidations, menuItems, restaurants } from '@/db/schema';
import { createSession, readSession } from '@/lib/auth/sessions';
import { parseEnv } from '@/lib/env';
import { getRestaurantMenu } from '@/lib/menus/cached';
import { setMenuItemAvailability, updateMenuItem, type Actor } from '@/lib/menus/mutations';
import { createRateLimitState } from '@/lib/ratelimit/state';
import { createTcpStore } from '@/lib/redis/tcp-store';
import type { RedisStore } from '@/lib/redis/types';
import { createUpstashStore } from '@/lib/redis/upstash-store';

import { installBackends } from '../support/app-context';
import { createTestPglite } from '../support/databases';
import { itemForm } from '../support/menus';
import { redisServerInstalled, startOwnRedis, type OwnRedis } from '../support/redis-server';
import { IN_CI, uniquePrefix } from '../support/services';
import { startUpstashBridge, type UpstashBridge } from '@/lib/redis/upstash-bridge';

/**
 * Finding 1 of the faults issue: a Redis that stops taking writes for two seconds right after an
 * admin's session check. The save commits in Postgres; the invalidation must still reach customers
 * once Redis answers again (within the documented 5 s), the admin must be told the truth, and the
 * admin's next page must not be the sign-in page. A redis-server of the test's own, paused with
 * CLIENT PAUSE (writes only, and everything) and frozen with SIGSTOP, on the TCP driver and on the
 * Upstash driver through a REST bridge.
 */
const canRun = redisServerInstalled() || IN_CI;
if (!canRun) console.warn('[faults-invalidation] skipped: no redis-server binary on this machine (CI=true makes this a failure)');
const PAUSE_MS = 2_000;
/** The promise in docs/architecture.md: customers see a committed save within this long of Redis answering again. */
const FRESH_WITHIN_MS = 5_000;

type Fault = 'CLIENT PAUSE WRITE' | 'CLIENT PAUSE ALL' | 'SIGSTOP' | 'SIGKILL, restarted from its append-only file';

describe.skipIf(!canRun)(`a save while Redis stops answering${canRun ? '' : ' (skipped: no redis-server binary on this machine)'}`, () => {
  let own: OwnRedis;
  let bridge: UpstashBridge;
  let db: DatabaseHandle;
  let actor: Actor;
  let control: ReturnType<typeof createClient>;

  beforeAll(async () => {
    // With an append-only file, as production Redis often runs: a restart brings the old entries back.
    own = await startOwnRedis(Number(process.env.TEST_OWN_REDIS_PORT) || undefined, { persist: true });
    bridge = await startUpstashBridge({ redisUrl: own.url, token: randomUUID() });
    control = createClient({ url: own.url });
    // The kill case drops this connection; node-redis reconnects, and must not crash the run meanwhile.
    control.on('error', () => {});
    await control.connect();
    db = await createTestPglite();
    const [admin] = await db.db
      .insert(admins)
      .values({ email: 'faults-invalidation@thali.test', name: 'Faults', passwordHash: 'unused' })
      .returning({ id: admins.id });
    actor = { adminId: admin!.id };
  });
  afterAll(async () => {
    control?.destroy();
    await bridge?.close();
    await own?.destroy();
    await db?.close();
  });

  /**
   * Starts the fault; `recover()` ends it once PAUSE_MS have passed and the caller is done with it,
   * and settles when Redis answers again. Ended by the test, not by a timer alone: under load a save
   * once took longer than the pause, and its invalidation reached a Redis that answered again. A
   * CLIENT PAUSE ALL can't be ended early (CLIENT UNPAUSE waits too), so that one stays timed.
   */
  async function inject(kind: Fault): Promise<{ recover: () => Promise<void> }> {
    const pauseOver = new Promise<void>((resolve) => setTimeout(resolve, PAUSE_MS));
    switch (kind) {
      case 'SIGSTOP':
        own.signal('SIGSTOP');
        return { recover: () => pauseOver.then(() => own.signal('SIGCONT')) };
      case 'SIGKILL, restarted from its append-only file':
        await own.stop();
        return { recover: () => pauseOver.then(() => own.start()) };
      case 'CLIENT PAUSE WRITE':
        // Long enough never to end by itself; CLIENT UNPAUSE (not a write) ends it.
        await control.sendCommand(['CLIENT', 'PAUSE', String(30 * PAUSE_MS), 'WRITE']);
        return { recover: () => pauseOver.then(async () => void (await control.sendCommand(['CLIENT', 'UNPAUSE']))) };
      case 'CLIENT PAUSE ALL':
        await control.sendCommand(['CLIENT', 'PAUSE', String(PAUSE_MS), 'ALL']);
        return { recover: () => pauseOver };
    }
  }

  // A price edit (the item form), and the menu list's "Mark unavailable" (fault review "faults",
  // 2026-12-07: the newest save, one press, the same promise). The kill comes last: it drops every
  // connection, the bridge's and the control client's included.
  const cases = [
    ...(['CLIENT PAUSE WRITE', 'CLIENT PAUSE ALL', 'SIGSTOP'] as const).map((kind) => ({ driver: 'tcp' as const, kind, save: 'price' as const })),
    { driver: 'upstash' as const, kind: 'CLIENT PAUSE ALL' as const, save: 'price' as const },
    ...(['CLIENT PAUSE WRITE', 'SIGSTOP'] as const).map((kind) => ({ driver: 'tcp' as const, kind, save: 'availability' as const })),
    { driver: 'tcp' as const, kind: 'SIGKILL, restarted from its append-only file' as const, save: 'price' as const },
    { driver: 'tcp' as const, kind: 'SIGKILL, restarted from its append-only file' as const, save: 'availability' as const },
  ];

  for (const [index, { driver, kind, save }] of cases.entries()) {
    describe(`${save === 'price' ? 'a price edit' : 'Mark unavailable'}, ${kind} for ${PAUSE_MS / 1000} s on ${driver}`, () => {
      let store: RedisStore;
      let env: Record<string, string>;
      let itemId: number;
      let slug: string;

      beforeAll(async () => {
        store =
          driver === 'tcp'
            ? createTcpStore({ url: own.url, commandTimeoutMs: 150 })
            : createUpstashStore({ url: bridge.url, token: bridge.token, commandTimeoutMs: 150 });
        env = { REDIS_KEY_PREFIX: uniquePrefix(`faults-inv-${index}`), REDIS_TIMEOUT_MS: '150' };
        installBackends({ redis: store, database: db, env });
        // A different restaurant per case, so one case's retries never touch another's menu.
        const [row] = await db.db
          .select({ item: menuItems, slug: restaurants.slug })
          .from(menuItems)
          .innerJoin(restaurants, eq(restaurants.id, menuItems.restaurantId))
          .orderBy(restaurants.id, menuItems.id)
          .offset(index * 60)
          .limit(1);
        itemId = row!.item.id;
        slug = row!.slug;
      });
      afterAll(async () => {
        await store.close();
      });

      const priceOf = async () => {
        const { value, cache } = await getRestaurantMenu(slug);
        const item = value!.categories.flatMap((c) => c.items).find((i) => i.id === itemId)!;
        // What the save changes: the price, or whether the dish can be ordered.
        return { price: save === 'price' ? item.pricePaise : item.available, cache };
      };

      /**
       * Review finding: Redis kept answering reads while it refused writes, so the entry the save could
       * not invalidate was served as a HIT, by the saving instance and by every other one, for as long
       * as the refusal lasted (docs/decisions/049).
       */
      async function expectNoOldPriceWhileWritesRefused(after: number | boolean) {
        // The saving instance: its refused invalidation sends its reads to Postgres.
        expect(await priceOf()).toMatchObject({ price: after, cache: { status: 'MISS', degraded: true } });
        // Another instance, which saved nothing: connections of its own (none held by a refused write)
        // and fresh process state. The rate limit its proxy takes first on every request is a write,
        // which Redis refuses too (the limiter's real state, on the same Redis).
        const otherStore = createTcpStore({ url: own.url, commandTimeoutMs: 150 });
        installBackends({ redis: otherStore, database: db, env });
        const otherLimiter = createRateLimitState(
          parseEnv({ NODE_ENV: 'test', REDIS_URL: own.url, RATE_LIMIT_TIMEOUT_MS: '150', REDIS_KEY_PREFIX: uniquePrefix('faults-inv-limiter') }),
        );
        try {
          expect((await otherLimiter.limiter.limit('page', '203.0.113.5')).source).toBe('fallback');
          expect(await priceOf()).toMatchObject({ price: after, cache: { status: 'MISS', degraded: true } });
        } finally {
          await otherLimiter.close();
          await otherStore.close();
          installBackends({ redis: store, database: db, env });
        }
      }

      it('reaches customers once Redis answers again, tells the admin, and keeps the admin signed in', async () => {
        const [item] = await db.db.select().from(menuItems).where(eq(menuItems.id, itemId));
        const before = save === 'price' ? item!.pricePaise : item!.available;
        const after = typeof before === 'number' ? before + 1_700 : !before;
        // Warm (a cold read through the in-process REST bridge can outlast the 150 ms budget once).
        let warm = await priceOf();
        for (let tries = 0; warm.cache.status !== 'HIT' && tries < 10; tries += 1) warm = await priceOf();
        expect(warm).toMatchObject({ price: before, cache: { status: 'HIT' } });

        const sessionId = await createSession({ kind: 'admin', adminId: actor.adminId, email: 'faults@thali.test', name: 'Faults', epoch: 1 });
        // The action's session check, just before Redis stops.
        expect((await readSession(sessionId!)).status).toBe('active');

        const { recover } = await inject(kind);
        try {
          const outcome =
            typeof after === 'number'
              ? await updateMenuItem(actor, itemId, itemForm(item!, after))
              : await setMenuItemAvailability(actor, itemId, { version: String(item!.version), available: String(after) });
          // Committed; the admin is told the cache did not take it yet.
          expect(outcome).toMatchObject({ status: 'saved', invalidation: { ok: false } });
          // The page the save re-renders checks the session again, Redis still paused: not a sign-in page.
          expect((await readSession(sessionId!)).status).toBe('active');
          if (kind === 'CLIENT PAUSE WRITE') await expectNoOldPriceWhileWritesRefused(after);
        } finally {
          // Whatever happened above, the next case starts with a Redis that answers.
          await recover();
        }

        // From when Redis answers again: the new price within the promised bound (from Postgres while the
        // breaker still skips Redis, then from Redis), and never the old one after it.
        const answersAgainAt = Date.now();
        let freshAt: number | undefined;
        let redisFreshAt: number | undefined;
        let fromRedis = 0;
        while (fromRedis < 5 && Date.now() - answersAgainAt < 15_000) {
          const { price, cache } = await priceOf();
          if (price === after) freshAt ??= Date.now();
          else expect(freshAt, 'the old price came back after customers had seen the new one').toBeUndefined();
          if (freshAt !== undefined && !cache.degraded) {
            redisFreshAt ??= Date.now();
            fromRedis += 1;
          }
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(freshAt, 'customers never saw the new price').toBeDefined();
        const seconds = (at: number | undefined) => (at === undefined ? 'never' : `${((at - answersAgainAt) / 1000).toFixed(1)} s`);
        const [row] = await db.db.select().from(cacheInvalidations).orderBy(desc(cacheInvalidations.id)).limit(1);
        expect(row!.appliedAt).toBeInstanceOf(Date);
        console.info(
          `[faults-invalidation] ${save}, ${kind} on ${driver}: new value after ${seconds(freshAt)}, from Redis after ${seconds(redisFreshAt)}; ` +
            `invalidation applied ${seconds(row!.appliedAt!.getTime())} after Redis answered again`,
        );
        expect(freshAt! - answersAgainAt).toBeLessThanOrEqual(FRESH_WITHIN_MS);
        expect(fromRedis, 'Redis never served the new price').toBe(5);
      }, 30_000);
    });
  }
});
