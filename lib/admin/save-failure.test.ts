import { describe, expect, it, vi } from 'vitest';

import { TransactionDeadlineError } from '@/db/deadline-outcome';

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

  it('knows a COMMIT left unanswered when another bundle threw it (production: the database handle is made at start-up, by another copy of the module)', async () => {
    vi.resetModules();
    const copy = await import('@/db/deadline-outcome');
    expect(copy.TransactionDeadlineError).not.toBe(TransactionDeadlineError);
    expect(failedChangeMessage(new copy.TransactionDeadlineError('commit', 3_000, false))).toMatch(/reload this page in a minute/);
    expect(failedChangeMessage(new copy.TransactionDeadlineError('begin', 3_000, false))).toMatch(/^Nothing was saved/);
  });
});
