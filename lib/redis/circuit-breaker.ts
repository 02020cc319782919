/**
 * Skips a sick Redis for a while instead of paying its timeout on every request.
 *
 * closed: calls go through; `failureThreshold` failures in a row open the circuit.
 * open: calls are skipped until `cooldownMs` has passed.
 * half-open: one probe call goes through (the rest are still skipped); its success closes the
 * circuit, its failure opens it for another cooldown.
 */
export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  failureThreshold?: number;
  cooldownMs?: number;
  now?: () => number;
}

export type BreakerEvent = 'opened' | 'recovered';

export class CircuitBreaker {
  private state: BreakerState = 'closed';
  private consecutiveFailures = 0;
  private openedAt = 0;
  private probeInFlight = false;
  private readonly failureThreshold: number;
  private readonly cooldownMs: number;
  private readonly now: () => number;

  constructor(options: BreakerOptions = {}) {
    this.failureThreshold = options.failureThreshold ?? 3;
    this.cooldownMs = options.cooldownMs ?? 5_000;
    this.now = options.now ?? Date.now;
  }

  get current(): BreakerState {
    return this.state;
  }

  /** Whether a call may go to Redis now. A `true` in half-open makes the caller the probe. */
  tryAcquire(): boolean {
    if (this.state === 'closed') return true;
    if (this.state === 'open' && this.now() - this.openedAt >= this.cooldownMs) {
      this.state = 'half-open';
    }
    if (this.state === 'half-open' && !this.probeInFlight) {
      this.probeInFlight = true;
      return true;
    }
    return false;
  }

  /** Returns 'recovered' when this success closed an open circuit. */
  recordSuccess(): BreakerEvent | undefined {
    const wasOpen = this.state !== 'closed';
    this.state = 'closed';
    this.consecutiveFailures = 0;
    this.probeInFlight = false;
    return wasOpen ? 'recovered' : undefined;
  }

  /**
   * A call that says nothing about Redis (its timeout measured a starved process, not Redis): no
   * success, no failure. A probe it held is given back, so the next call probes instead.
   */
  releaseProbe(): void {
    this.probeInFlight = false;
  }

  /** Returns 'opened' only when a closed circuit opens, so an outage is reported once, not per probe. */
  recordFailure(): BreakerEvent | undefined {
    this.probeInFlight = false;
    if (this.state === 'half-open') {
      this.trip();
      return undefined;
    }
    this.consecutiveFailures += 1;
    if (this.state === 'closed' && this.consecutiveFailures >= this.failureThreshold) {
      this.trip();
      return 'opened';
    }
    return undefined;
  }

  private trip(): void {
    this.state = 'open';
    this.openedAt = this.now();
  }
}
