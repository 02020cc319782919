import type { ContractCase, DriverName, OptionalMethod, StoreMethod } from './types';

/**
 * Which drivers implement each optional method of RedisStore. Keyed by every optional method, so one
 * can't be added to the interface without saying here who has it. The runner holds each driver to
 * exactly this list (losing blmove by accident fails) and runs a case that covers an optional method
 * only on the drivers listed for it.
 */
export const OPTIONAL_METHODS: Readonly<Record<OptionalMethod, readonly DriverName[]>> = {
  // Over REST a request cannot hold a wait: Upstash callers poll lmove instead.
  blmove: ['memory', 'tcp'],
};

function isOptional(method: StoreMethod): method is OptionalMethod {
  return Object.hasOwn(OPTIONAL_METHODS, method);
}

/** A case runs on a driver that has every optional method it covers. */
export function caseAppliesTo(contract: ContractCase, driver: DriverName): boolean {
  return contract.covers.every((method) => !isOptional(method) || OPTIONAL_METHODS[method].includes(driver));
}

/** The optional methods a driver must have, and those it must not. */
export function optionalMethodsOf(driver: DriverName): { has: OptionalMethod[]; lacks: OptionalMethod[] } {
  const all = Object.keys(OPTIONAL_METHODS) as OptionalMethod[];
  return {
    has: all.filter((method) => OPTIONAL_METHODS[method].includes(driver)),
    lacks: all.filter((method) => !OPTIONAL_METHODS[method].includes(driver)),
  };
}
