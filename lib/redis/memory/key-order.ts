/** One key's place in SCAN order. Sequence numbers only grow, so a key never moves backwards. */
export interface Slot {
  readonly key: string;
  readonly seq: number;
  live: boolean;
}

/** Dead slots are dropped in one pass once they outnumber the live ones (amortised O(1) per delete). */
const COMPACT_AFTER = 256;

/**
 * Keys in creation order, for SCAN. A cursor is the sequence number of the last slot a step looked
 * at, so the next step resumes after it however many keys were added or deleted in between: every
 * key that exists for the whole iteration is returned, and keys created during it (which get higher
 * numbers) may be too. Slots of deleted keys stay as tombstones until compaction, which preserves the
 * order, so a cursor stays meaningful across it.
 */
export class KeyOrder {
  private slots: Slot[] = [];
  private nextSeq = 1;
  private dead = 0;

  add(key: string): Slot {
    const slot: Slot = { key, seq: this.nextSeq++, live: true };
    this.slots.push(slot);
    return slot;
  }

  remove(slot: Slot): void {
    if (!slot.live) return;
    slot.live = false;
    this.dead++;
    if (this.dead > COMPACT_AFTER && this.dead * 2 > this.slots.length) {
      this.slots = this.slots.filter((s) => s.live);
      this.dead = 0;
    }
  }

  clear(): void {
    for (const slot of this.slots) slot.live = false;
    this.slots = [];
    this.dead = 0;
  }

  /**
   * Up to `count` live slots after `cursor`, and the cursor to continue from (0 when the end was reached).
   * The returned array is a copy, so callers may delete keys while walking it.
   */
  after(cursor: number, count: number): { slots: Slot[]; cursor: number } {
    const found: Slot[] = [];
    let i = this.firstIndexAfter(cursor);
    for (; i < this.slots.length && found.length < count; i++) {
      const slot = this.slots[i]!;
      if (slot.live) found.push(slot);
    }
    const done = i >= this.slots.length;
    return { slots: found, cursor: done ? 0 : this.slots[i - 1]!.seq };
  }

  private firstIndexAfter(cursor: number): number {
    let lo = 0;
    let hi = this.slots.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.slots[mid]!.seq <= cursor) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
