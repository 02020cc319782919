/**
 * Collapses concurrent calls for one key into one: the first caller runs `work`, the others await
 * its promise. So N concurrent misses for a menu cost one Postgres query, not N (stampede control
 * within one process). One map per process, shared by every route bundle.
 */
import { singletons } from '@/lib/server/singletons';

declare module '@/lib/server/singletons' {
  interface ProcessSingletons {
    flights?: Map<string, Promise<unknown>>;
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

/** Lets later callers start afresh instead of joining flights whose key starts with `prefix`. */
export function forgetFlights(prefix: string): void {
  for (const key of flights().keys()) if (key.startsWith(prefix)) flights().delete(key);
}
