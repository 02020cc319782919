/**
 * One guest's request as next/headers gives it to lib/: the client address and the guest cart cookie,
 * which a test sets before each call. A suite mocks next/headers with it:
 * `vi.mock('next/headers', async () => (await import('@/tests/support/guest-request')).nextHeaders)`.
 */
export const guestRequest = { address: '', guestCookie: undefined as string | undefined };

export const nextHeaders = {
  headers: async () => new Headers({ 'x-forwarded-for': guestRequest.address }),
  cookies: async () => ({
    get: () => (guestRequest.guestCookie === undefined ? undefined : { value: guestRequest.guestCookie }),
    set: (_name: string, value: string) => void (guestRequest.guestCookie = value),
    delete: () => void (guestRequest.guestCookie = undefined),
  }),
};
