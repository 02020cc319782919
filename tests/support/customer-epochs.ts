import type { CustomerEpochs } from '@/lib/auth/customer-epoch';

/**
 * Customers' session epochs kept in a map, for session tests without a database: every customer id
 * exists. `kept` is what Postgres would hold (lib/auth/customer-epoch.ts postgresEpochs).
 */
export function epochsInMemory(): CustomerEpochs & { kept: Map<number, string> } {
  const kept = new Map<number, string>();
  return {
    kept,
    async adopt(customerId, candidate) {
      if (!kept.has(customerId)) kept.set(customerId, candidate);
      return kept.get(customerId)!;
    },
    async read(customerId) {
      return kept.get(customerId) ?? null;
    },
    async replace(customerId, epoch, expected) {
      if (expected !== undefined && kept.get(customerId) !== expected) return false;
      kept.set(customerId, epoch);
      return true;
    },
  };
}
