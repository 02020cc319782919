import type { ScoredMember } from '../types';

import { compareBytes } from './ranges';

function byScoreThenMember(a: ScoredMember, b: ScoredMember): number {
  return a.score - b.score || compareBytes(a.member, b.member);
}

/**
 * A zset: member → score, with Redis's order (score, then member bytes for ties). The order is
 * rebuilt lazily on the first read after a write, which suits a read-mostly cache.
 */
export class SortedSet {
  private readonly scores = new Map<string, number>();
  private ordered: ScoredMember[] | null = null;

  get size(): number {
    return this.scores.size;
  }

  score(member: string): number | undefined {
    return this.scores.get(member);
  }

  /** Returns true when the member is new. */
  set(member: string, score: number): boolean {
    const isNew = !this.scores.has(member);
    this.scores.set(member, score);
    this.ordered = null;
    return isNew;
  }

  remove(member: string): boolean {
    const removed = this.scores.delete(member);
    if (removed) this.ordered = null;
    return removed;
  }

  /** Members by rank, inclusive, as fresh objects. `rev` ranks from the highest score (ties reversed too). */
  slice(first: number, last: number, rev: boolean): ScoredMember[] {
    this.ordered ??= [...this.scores].map(([member, score]) => ({ member, score })).sort(byScoreThenMember);
    const { length } = this.ordered;
    const picked = rev ? this.ordered.slice(length - 1 - last, length - first).reverse() : this.ordered.slice(first, last + 1);
    return picked.map(({ member, score }) => ({ member, score }));
  }
}
