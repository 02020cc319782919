import 'server-only';

import { mayHaveCommitted } from '@/db/deadline-outcome';

/**
 * What an admin is told when a change threw: nothing happened, unless Postgres stopped answering after
 * the COMMIT was sent, when it may have landed and only a reload can tell (db/deadline-outcome.ts).
 */
export function failedChangeMessage(error: unknown, nothing: 'saved' | 'changed' = 'saved'): string {
  return mayHaveCommitted(error)
    ? 'The database stopped answering while saving: reload this page in a minute to see whether the change was saved.'
    : `Nothing was ${nothing}: the database did not answer. Try again in a moment.`;
}
