/**
 * The search box's text, validated and normalized the same way everywhere (the API, the server
 * function, and a client that wants to check before it asks). Pure, so client components may import it.
 * Normalizing here also makes one cache entry serve "Biryani", " biryani " and "BIRYANI".
 */

export const MIN_QUERY_CHARACTERS = 2;
/** Longest search accepted, in characters (code points) after normalizing. */
export const MAX_QUERY_LENGTH = 100;

export type QueryCheck = { ok: true; query: string } | { ok: false; message: string };

// Control characters (C0 but tab and line breaks, which are just spaces here; DEL; C1) and bidi
// overrides: never part of a dish name, and a way to garble logs and admin screens.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/gu;

/** Unicode NFC, lowercase, spaces trimmed and collapsed; refuses what no search box sends. */
export function normalizeQuery(raw: unknown): QueryCheck {
  if (typeof raw !== 'string' || raw.trim() === '') return { ok: false, message: 'Type something to search for, e.g. ?q=biryani.' };
  // Checked before normalizing, so a megabyte of spaces costs nothing more than this comparison.
  if (raw.length > MAX_QUERY_LENGTH * 4) return tooLong();
  if (CONTROL.test(raw)) return { ok: false, message: 'A search can’t contain control characters.' };
  const query = raw.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim();
  if ([...query].length > MAX_QUERY_LENGTH) return tooLong();
  if ((query.match(LETTER_OR_DIGIT) ?? []).length < MIN_QUERY_CHARACTERS) {
    return { ok: false, message: `Type at least ${MIN_QUERY_CHARACTERS} letters or digits to search.` };
  }
  return { ok: true, query };
}

function tooLong(): QueryCheck {
  return { ok: false, message: `A search can be at most ${MAX_QUERY_LENGTH} characters long.` };
}

/** The city page's search parameter (`/<city>?q=…`). */
export const SEARCH_PARAM = 'q';

/** The page's `q`, the first of several; undefined when absent or only spaces (an empty submit shows the listing). */
export function searchTextOf(params: Record<string, string | string[] | undefined>): string | undefined {
  const value = params[SEARCH_PARAM];
  const raw = Array.isArray(value) ? value[0] : value;
  return raw === undefined || raw.trim() === '' ? undefined : raw;
}
