import { describe, expect, it } from 'vitest';

import { isNetworkFailure } from './network-failure';

describe('isNetworkFailure', () => {
  it("is each browser's fetch rejection when the server can't be reached", () => {
    expect(isNetworkFailure(new TypeError('Failed to fetch'))).toBe(true);
    expect(isNetworkFailure(new TypeError('NetworkError when attempting to fetch resource.'))).toBe(true);
    expect(isNetworkFailure(new TypeError('Load failed'))).toBe(true);
  });

  it("is not a server's error, nor a bug's TypeError", () => {
    expect(isNetworkFailure(Object.assign(new Error('An error occurred in the Server Components render.'), { digest: '123' }))).toBe(false);
    expect(isNetworkFailure(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isNetworkFailure('Failed to fetch')).toBe(false);
    expect(isNetworkFailure(null)).toBe(false);
  });
});
