/**
 * What the address forms and pages share: the field names, where an edit or a delete returns to
 * (two fixed paths: the form's `from` is never a URL, so it can't redirect anywhere else) and the
 * notices those pages show for `?address=<notice>`.
 */

export const ADDRESS_FIELDS = ['label', 'line1', 'line2', 'city', 'pin'] as const;

const RETURN_PATHS = { account: '/account', checkout: '/checkout' } as const;
export type AddressReturn = keyof typeof RETURN_PATHS;

export function addressReturn(value: unknown): AddressReturn {
  return value === 'checkout' ? 'checkout' : 'account';
}

export function addressReturnPath(value: unknown): string {
  return RETURN_PATHS[addressReturn(value)];
}

export const ADDRESS_NOTICES = {
  saved: { tone: 'ok', text: 'Address saved.' },
  deleted: { tone: 'ok', text: 'Address deleted.' },
  'not-found': { tone: 'problem', text: 'That address is not saved on your account (it may have been deleted already). Nothing was changed.' },
  failed: { tone: 'problem', text: 'Your address could not be changed just now. Please try again in a moment.' },
} as const;
export type AddressNotice = keyof typeof ADDRESS_NOTICES;

/** The notice for a page's `?address=` value; anything else shows none. */
export function addressNotice(value: unknown): (typeof ADDRESS_NOTICES)[AddressNotice] | null {
  return typeof value === 'string' && Object.hasOwn(ADDRESS_NOTICES, value) ? ADDRESS_NOTICES[value as AddressNotice] : null;
}
