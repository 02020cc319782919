/**
 * Collapses concurrent calls for one key into one: the first caller runs `work`, the others await
 * its promise. So N concurrent misses for a menu cost one Postgres query, not N (stampede control
 * within one process). One map per process, shared by every route bundle.
 */
import { singletons } from '@/lib/server/singletons';

declare module '@/lib/server/singletons' {
  interface ProcessSingletons {
    flights?: Map<string, Promise<unknown>>;
    /** freshFlight's runs queued behind the one under way, by key. */
    flightSuccessors?: Map<string, Promise<unknown>>;
  }
}

function flights(): Map<string, Promise<unknown>> {
  const shared = singletons();
  shared.flights ??= new Map();
  return shared.flights;
}

export function singleFlight<T>(key: string, work: () => Promise<T>): Promise<T> {
  const inFlight = flights().get(key);
  if (inFlight) return inFlight as Promise<T>;
  const promise = work().finally(() => {
    if (flights().get(key) === promise) flights().delete(key);
  });
  flights().set(key, promise);
  return promise;
}

/**
 * Like singleFlight, but a caller never joins work that began before it was called: while a run is
 * under way, later callers share the next run, which starts when it ends. For loads whose key can't
 * tell a save apart (Redis away: no generation read to key them by), where a load begun before
 * another instance's commit would hand its old answer to readers arriving after it. At most two
 * runs per key at a time (one under way, one queued), so Postgres still sees no stampede.
 */
export function freshFlight<T>(key: string, work: () => Promise<T>): Promise<T> {
  const successors = (singletons().flightSuccessors ??= new Map());
  const queued = successors.get(key);
  if (queued) return queued as Promise<T>;
  const running = flights().get(key);
  if (!running) return singleFlight(key, work);
  const next = running.then(noop, noop).then(() => {
    successors.delete(key);
    return singleFlight(key, work);
  });
  successors.set(key, next);
  return next;
}

function noop(): void {}

/** Lets later callers start afresh instead of joining flights whose key starts with `prefix`. */
export function forgetFlights(prefix: string): void {
  for (const key of flights().keys()) if (key.startsWith(prefix)) flights().delete(key);
}
