import 'server-only';

import { getDb, type Database } from '@/db/client';
import { commitAnswered, mayHaveCommitted } from '@/db/deadline-outcome';

import { afterUnknownCommit } from './outbox-retry';

/**
 * Runs `work`, which writes an outbox row (a save's, a purge's), in one Postgres transaction. Should
 * its COMMIT go unanswered, it may land later with that row, which this process then applies
 * (afterUnknownCommit, decision 018); the caller applies the row of one that answered (applyCommitted).
 */
export async function outboxTransaction<R>(work: (tx: Database) => Promise<R>): Promise<R> {
  try {
    return await getDb().transaction((tx) => work(tx));
  } catch (error) {
    if (mayHaveCommitted(error)) afterUnknownCommit(commitAnswered(error));
    throw error;
  }
}
