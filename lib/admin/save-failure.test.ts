import { describe, expect, it } from 'vitest';

import { TransactionDeadlineError } from '@/db/client-deadline';

import { failedChangeMessage } from './save-failure';

describe('failedChangeMessage', () => {
  it('says nothing was saved (or changed) when Postgres failed before COMMIT', () => {
    expect(failedChangeMessage(new Error('connection refused'))).toMatch(/^Nothing was saved/);
    expect(failedChangeMessage(new TransactionDeadlineError('statement', 3_000, false), 'changed')).toMatch(/^Nothing was changed/);
  });

  it('does not say nothing happened when COMMIT was sent and never answered: it may have landed', () => {
    const message = failedChangeMessage(new TransactionDeadlineError('commit', 3_000, false), 'changed');
    expect(message).toMatch(/reload this page in a minute/);
    expect(message).not.toMatch(/^Nothing/);
  });
});
