/**
 * Waits until at least `marginMs` are left in the current minute. A sliding window of a minute
 * (lib/ratelimit/fallback-limiter.ts, as @upstash/ratelimit's script) weighs the previous minute's
 * count by the time left and rounds it down, so requests that straddle a minute boundary can be
 * allowed one more than the limit: a test that counts an exact budget starts well inside a minute.
 */
export async function wellInsideAMinute(marginMs = 15_000): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

/**
 * How many more than its budget a minute's window may have allowed between `startedAt` and now: one
 * when the span crossed a minute's end (for a loop too long to fit well inside one on a loaded
 * machine), else none.
 */
export function slackAcrossAMinute(startedAt: number, endedAt = Date.now()): number {
  return Math.floor(endedAt / 60_000) > Math.floor(startedAt / 60_000) ? 1 : 0;
}
