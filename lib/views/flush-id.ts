import 'server-only';

import { randomBytes } from 'node:crypto';

/**
 * Flush ids: random (so two flushes never share one), with a fixed-width base-36 time prefix so
 * ledger rows and flushing markers can be aged by the id alone, and sort by age as text.
 */
const TIME_WIDTH = 9;

export function newFlushId(now: number = Date.now()): string {
  return `${timePrefix(now)}-${randomBytes(12).toString('base64url')}`;
}

/** When the id was made, or NaN for something that is not a flush id. */
export function flushIdTime(flushId: string): number {
  const [time] = flushId.split('-', 1);
  return time && /^[0-9a-z]+$/.test(time) && time.length === TIME_WIDTH ? parseInt(time, 36) : Number.NaN;
}

/** The id prefix for a moment: every id made before it sorts below it. */
export function timePrefix(at: number): string {
  return Math.max(0, Math.floor(at)).toString(36).padStart(TIME_WIDTH, '0');
}
