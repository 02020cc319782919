import { describe, expect, it } from 'vitest';

import { stripKeyLocking } from './script-flags';

describe('stripKeyLocking', () => {
  it('drops the allow-key-locking flag and keeps line numbers and other flags', () => {
    expect(stripKeyLocking('#!lua flags=allow-key-locking\nreturn 1')).toBe('\nreturn 1');
    expect(stripKeyLocking('#!lua flags=allow-key-locking,no-writes\nreturn 1')).toBe('#!lua flags=no-writes\nreturn 1');
    expect(stripKeyLocking('#!lua flags=no-writes\nreturn 1')).toBeNull();
    expect(stripKeyLocking('return 1')).toBeNull();
  });
});
