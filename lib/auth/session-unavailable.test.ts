import { describe, expect, it } from 'vitest';

import { isSessionUnavailable, SESSION_UNAVAILABLE_DIGEST, SessionUnavailableError } from './session-unavailable';

/**
 * The admin error boundaries recognise "Redis could not confirm the session" by the digest Next
 * passes them (the thrown error's own, when it has one): never by message, which production hides.
 */
describe('SessionUnavailableError', () => {
  it('carries a fixed digest, which is all a boundary sees of it in production', () => {
    const error = new SessionUnavailableError();
    expect(error.digest).toBe(SESSION_UNAVAILABLE_DIGEST);
    const asTheBoundarySeesIt = Object.assign(new Error('An error occurred in the Server Components render.'), { digest: error.digest });
    expect(isSessionUnavailable(asTheBoundarySeesIt)).toBe(true);
  });

  it('is not confused with any other error', () => {
    expect(isSessionUnavailable(Object.assign(new Error('x'), { digest: '1234567' }))).toBe(false);
    expect(isSessionUnavailable(new Error('Sign-in could not be checked'))).toBe(false);
    expect(isSessionUnavailable(null)).toBe(false);
    expect(isSessionUnavailable('THALI_SESSION_UNAVAILABLE')).toBe(false);
  });
});
