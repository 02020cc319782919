import type { RedisType } from '../types';

import { wrongType } from './errors';
import { KeyOrder, type Slot } from './key-order';
import type { SortedSet } from './sorted-set';

export interface ValueOfType {
  string: string;
  hash: Map<string, string>;
  list: string[];
  set: Set<string>;
  zset: SortedSet;
}

export type DataType = keyof ValueOfType;

interface Entry {
  type: DataType;
  value: ValueOfType[DataType];
  /** Epoch ms after which the key is gone; null for no expiry. */
  expiresAt: number | null;
  slot: Slot;
}

export interface KeyspaceOptions {
  now?: () => number;
  /** How often an idle store looks for expired keys; 0 turns the timer off. */
  sweepIntervalMs?: number;
}

/** Volatile keys examined per key created: expired keys are reclaimed at least as fast as keys are added. */
const SWEEP_PER_INSERT = 2;
/** Volatile keys examined per timer tick, for stores that stop receiving writes. */
const SWEEP_PER_TICK = 500;

function isEmptyContainer(entry: Entry): boolean {
  const { value } = entry;
  if (typeof value === 'string') return false;
  return Array.isArray(value) ? value.length === 0 : value.size === 0;
}

/**
 * The in-process database: typed entries, expiry, SCAN order and memory reclamation. Expired keys
 * vanish lazily when touched (as in Redis) and are also swept in small steps, so a cache that writes
 * keys with TTLs and never reads them again doesn't grow without bound.
 */
export class Keyspace {
  readonly now: () => number;
  private readonly entries = new Map<string, Entry>();
  private readonly order = new KeyOrder();
  private readonly volatile = new Set<string>();
  private sweepCursor: Iterator<string> = this.volatile.values();
  private sweepTimer: ReturnType<typeof setInterval> | undefined;
  private readonly sweepIntervalMs: number;
  private closed = false;

  constructor(options: KeyspaceOptions = {}) {
    this.now = options.now ?? Date.now;
    this.sweepIntervalMs = options.sweepIntervalMs ?? 1000;
  }

  /** Entries held, including expired ones not yet reclaimed. */
  get size(): number {
    return this.entries.size;
  }

  assertOpen(): void {
    if (this.closed) throw new Error('The in-process Redis store is closed');
  }

  type(key: string): RedisType {
    return this.live(key)?.type ?? 'none';
  }

  exists(key: string): boolean {
    return this.live(key) !== undefined;
  }

  /** The value when the key holds `type`; undefined when missing; WRONGTYPE otherwise. */
  read<T extends DataType>(key: string, type: T): ValueOfType[T] | undefined {
    const entry = this.live(key);
    if (!entry) return undefined;
    if (entry.type !== type) throw wrongType();
    return entry.value as ValueOfType[T];
  }

  /** The container to write into: the existing one, or a new one without expiry. */
  upsert<T extends Exclude<DataType, 'string'>>(key: string, type: T, create: () => ValueOfType[T]): ValueOfType[T] {
    const existing = this.read(key, type);
    if (existing !== undefined) return existing;
    const value = create();
    this.insert(key, { type, value, expiresAt: null });
    return value;
  }

  /** Redis deletes a hash, list, set or zset as soon as its last element goes. */
  dropIfEmpty(key: string): void {
    const entry = this.entries.get(key);
    if (entry && isEmptyContainer(entry)) this.delete(key);
  }

  /** SET: replaces whatever the key held, with the given expiry. */
  putString(key: string, value: string, expiresAt: number | null): void {
    const existing = this.live(key);
    if (!existing) {
      this.insert(key, { type: 'string', value, expiresAt });
      return;
    }
    existing.type = 'string';
    existing.value = value;
    this.setExpiry(key, existing, expiresAt);
  }

  /** INCR and friends: replaces a string's value and keeps its TTL. */
  updateString(key: string, value: string): void {
    const existing = this.live(key);
    if (existing) existing.value = value;
    else this.insert(key, { type: 'string', value, expiresAt: null });
  }

  delete(key: string): boolean {
    const entry = this.live(key);
    if (entry) this.remove(key, entry);
    return entry !== undefined;
  }

  /** PEXPIRE: a time already past deletes the key, as in Redis. */
  expireAt(key: string, at: number): boolean {
    const entry = this.live(key);
    if (!entry) return false;
    if (at <= this.now()) this.remove(key, entry);
    else this.setExpiry(key, entry, at);
    return true;
  }

  /** Milliseconds left; -1 without expiry; -2 when missing. */
  pttl(key: string): number {
    const entry = this.live(key);
    if (!entry) return -2;
    return entry.expiresAt === null ? -1 : Math.max(0, entry.expiresAt - this.now());
  }

  /** RENAME: moves value and TTL, replacing the destination. Returns false when the source is missing. */
  rename(from: string, to: string): boolean {
    const source = this.live(from);
    if (!source) return false;
    if (from === to) return true;
    this.remove(from, source);
    this.delete(to);
    this.insert(to, { type: source.type, value: source.value, expiresAt: source.expiresAt });
    return true;
  }

  /** One SCAN step over up to `count` keys; expired keys are reclaimed rather than returned. */
  scan(cursor: number, count: number, matches: (key: string) => boolean): { cursor: number; keys: string[] } {
    this.assertOpen();
    const step = this.order.after(cursor, count);
    const keys = step.slots.filter((slot) => slot.live && this.live(slot.key) !== undefined && matches(slot.key));
    return { cursor: step.cursor, keys: keys.map((slot) => slot.key) };
  }

  /** Examines up to `budget` keys that have a TTL, deleting the expired ones. */
  sweep(budget: number): void {
    if (this.closed) return;
    for (let examined = 0; examined < budget && this.volatile.size > 0; examined++) {
      let next = this.sweepCursor.next();
      if (next.done) {
        // A finished Set iterator stays finished; start the next lap.
        this.sweepCursor = this.volatile.values();
        next = this.sweepCursor.next();
        if (next.done) return;
      }
      this.live(next.value);
    }
  }

  close(): void {
    this.closed = true;
    clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
    this.entries.clear();
    this.volatile.clear();
    this.order.clear();
  }

  /** The entry if it exists and has not expired; an expired one is deleted on the way. */
  private live(key: string): Entry | undefined {
    this.assertOpen();
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== null && this.now() > entry.expiresAt) {
      this.remove(key, entry);
      return undefined;
    }
    return entry;
  }

  private insert(key: string, entry: Omit<Entry, 'slot'>): void {
    this.sweep(SWEEP_PER_INSERT);
    const created: Entry = { ...entry, expiresAt: null, slot: this.order.add(key) };
    this.entries.set(key, created);
    this.setExpiry(key, created, entry.expiresAt);
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.volatile.delete(key);
    this.order.remove(entry.slot);
  }

  private setExpiry(key: string, entry: Entry, expiresAt: number | null): void {
    entry.expiresAt = expiresAt;
    if (expiresAt === null) {
      this.volatile.delete(key);
      return;
    }
    this.volatile.add(key);
    this.startSweeper();
  }

  private startSweeper(): void {
    if (this.sweepTimer !== undefined || this.sweepIntervalMs <= 0) return;
    this.sweepTimer = setInterval(() => this.sweep(SWEEP_PER_TICK), this.sweepIntervalMs);
    // The sweep is housekeeping: it must never keep a process (or a test run) alive.
    this.sweepTimer.unref?.();
  }
}
