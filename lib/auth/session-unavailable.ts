/**
 * What an admin page throws when Redis can't say whether its session is valid: the page they asked for
 * then shows "temporarily unavailable" (its error boundary), never the login page, and keeps the cookie
 * (docs/decisions/022-admins-through-a-slow-redis.md). No server-only imports: error boundaries
 * (client components) recognise it by its digest, which Next passes to them unchanged.
 */
export const SESSION_UNAVAILABLE_DIGEST = 'THALI_SESSION_UNAVAILABLE';

export class SessionUnavailableError extends Error {
  override name = 'SessionUnavailableError';
  readonly digest = SESSION_UNAVAILABLE_DIGEST;
  constructor() {
    super('Sign-in could not be checked: Redis did not answer');
  }
}

export function isSessionUnavailable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'digest' in error && error.digest === SESSION_UNAVAILABLE_DIGEST;
}
