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
