import { describe, expect, it } from 'vitest';

import { queueNoticeOf } from './notices';

describe('queueNoticeOf', () => {
  it('names only the notices the actions send', () => {
    expect(queueNoticeOf('retried')?.tone).toBe('ok');
    expect(queueNoticeOf('session-unavailable')?.tone).toBe('error');
    for (const other of [undefined, ['retried'], 'toString', '__proto__', 'nonsense']) expect(queueNoticeOf(other)).toBeNull();
  });
});
