/** The longest wait a Node timer can hold; beyond it setTimeout fires at once. */
export const MAX_WAIT_MS = 2 ** 31 - 1;

/**
 * Checks a blocking command's timeout the same way in every driver, before anything moves, and rounds
 * it up to whole milliseconds. Redis reads 0 as "wait forever" and rounds sub-millisecond timeouts down
 * to that same 0; every wait in this app is bounded (a caller must get control back to notice a
 * shutdown), so 0 and below are refused and a fraction never becomes 0.
 */
export function waitTimeoutMs(command: string, timeoutMs: number): number {
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > MAX_WAIT_MS) {
    throw new RangeError(
      `${command} timeout must be a positive number of milliseconds, at most ${MAX_WAIT_MS} (got ${timeoutMs}); ` +
        "Redis's 0 (wait forever) is not offered",
    );
  }
  return Math.ceil(timeoutMs);
}
