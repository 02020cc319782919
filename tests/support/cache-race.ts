import { eq, sql } from 'drizzle-orm';

import type { DatabaseHandle } from '@/db/client';
import { menuItems } from '@/db/schema';
import { generationKey } from '@/lib/cache/keys';
import type { RedisStore } from '@/lib/redis/types';

/**
 * The stale-refill harness (decision 004): concurrent readers and writers for many randomized rounds,
 * with a delay injected between a reader's Postgres load and its cache write to widen the classic
 * race. Writers raise one item's price by a paisa per commit, so "older" is well defined; a read that
 * started after a save returned must never see a lower price, and when the writers stop, what Redis
 * would serve must equal Postgres. Shared by the menu and the search suites.
 */

const MAX_READERS = 8;
const MAX_WRITERS = 3;

export interface RaceStrategy<T> {
  read(afterLoad: () => Promise<void>): Promise<T | null>;
  invalidate(): Promise<void>;
  /** The value a reader would be served from Redis right now, if any. */
  servable(): Promise<T | null>;
}

export interface RaceTarget<T> {
  itemId: number;
  /** The item's price as one read value shows it (throws if the value lacks the item). */
  priceOf(value: T | null): number;
  /** What Postgres holds now, in the cached shape. */
  truth(): Promise<T | null>;
}

export interface RaceResult {
  rounds: number;
  violations: string[];
  maxReaders: number;
  maxWriters: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const randomInt = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

export async function race<T>(
  db: DatabaseHandle,
  strategy: RaceStrategy<T>,
  target: RaceTarget<T>,
  options: { rounds: number; stopAtFirstViolation: boolean },
): Promise<RaceResult> {
  const violations: string[] = [];
  let maxReaders = 0;
  let maxWriters = 0;
  let rounds = 0;

  for (let round = 0; round < options.rounds; round++) {
    rounds += 1;
    const readerCount = randomInt(2, MAX_READERS);
    const writerCount = randomInt(1, MAX_WRITERS);
    maxReaders = Math.max(maxReaders, readerCount);
    maxWriters = Math.max(maxWriters, writerCount);

    const saves: { returnedAt: number; price: number }[] = [];
    const reads: { startedAt: number; price: number }[] = [];
    let writing = true;

    const writer = async () => {
      for (let save = randomInt(1, 3); save > 0; save--) {
        await sleep(randomInt(0, 6));
        const [row] = await db.db
          .update(menuItems)
          .set({ pricePaise: sql`${menuItems.pricePaise} + 1`, version: sql`${menuItems.version} + 1` })
          .where(eq(menuItems.id, target.itemId))
          .returning({ price: menuItems.pricePaise });
        await strategy.invalidate();
        saves.push({ returnedAt: performance.now(), price: row!.price });
      }
    };
    const reader = async () => {
      do {
        const startedAt = performance.now();
        const value = await strategy.read(async () => {
          if (Math.random() < 0.5) await sleep(randomInt(1, 15));
        });
        reads.push({ startedAt, price: target.priceOf(value) });
        await sleep(randomInt(0, 3));
      } while (writing);
    };

    const readers = Array.from({ length: readerCount }, reader);
    await Promise.all(Array.from({ length: writerCount }, writer));
    writing = false;
    await Promise.all(readers);

    for (const read of reads) {
      const newestBefore = Math.max(-1, ...saves.filter((save) => save.returnedAt < read.startedAt).map((save) => save.price));
      if (read.price < newestBefore) {
        violations.push(`round ${round}: a read started after the save of ${newestBefore} saw ${read.price}`);
      }
    }
    const truth = await target.truth();
    const served = await strategy.servable();
    if (served !== null && JSON.stringify(served) !== JSON.stringify(truth)) {
      violations.push(`round ${round}: after the writers stopped Redis serves ${target.priceOf(served)}, Postgres has ${target.priceOf(truth)}`);
    }
    if (options.stopAtFirstViolation && violations.length > 0) break;
  }
  return { rounds, violations, maxReaders, maxWriters };
}

/** What readThrough would serve for `key` right now: its entry if it carries the current generation. */
export async function servableEntry<T>(redis: RedisStore, key: string): Promise<T | null> {
  const [generation = null, raw = null] = await redis.mget([generationKey(key), key]);
  if (generation === null || raw === null) return null;
  const entry = JSON.parse(raw) as { generation: string; value: T };
  return entry.generation === generation ? entry.value : null;
}
