import { z } from 'zod';

/**
 * Text a person typed, before it is stored or shown to others. Normalised to NFC (so "é" typed two
 * ways is one name, and a unique index sees them as equal), trimmed of spaces and invisible format
 * characters at both ends, and refused when it holds:
 *
 * - no visible character (a name of zero-width spaces, or of combining marks alone);
 * - control characters (NUL among them, which Postgres refuses in text), lone surrogates, private-use
 *   characters, or the bidirectional overrides that make text read differently than it is stored.
 *
 * Zero-width joiners inside a name stay: Indic scripts and emoji need them.
 * docs/decisions/016-input-bounds-and-atomic-cart.md.
 */

const EDGES = /^[\s\p{Cf}\p{Z}]+|[\s\p{Cf}\p{Z}]+$/gu;
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;
const FORBIDDEN_INLINE = /[\p{Cc}\p{Cs}\p{Co}\u202A-\u202E\u2066-\u2069]/u;
/** Multi-line text keeps line breaks and tabs. */
const FORBIDDEN_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\p{Cs}\p{Co}\u202A-\u202E\u2066-\u2069]/u;

export function cleanText(value: string): string {
  return value.normalize('NFC').replace(EDGES, '');
}

export function hasVisibleCharacter(value: string): boolean {
  return VISIBLE.test(value);
}

/** A required one-line name or label: 1 to `max` characters, at least one of them visible. */
export function visibleText(label: string, max: number) {
  return z
    .string()
    .transform(cleanText)
    .pipe(
      z
        .string()
        .min(1, `${label} is required`)
        .max(max, `${label} must be at most ${max} characters`)
        .refine((text) => !FORBIDDEN_INLINE.test(text), `${label} contains characters that can't be used`)
        .refine(hasVisibleCharacter, `${label} must contain a visible character`),
    );
}

/** Optional free text (a description): may be empty, may span lines; the same characters refused. */
export function optionalText(label: string, max: number) {
  return z
    .string()
    .transform(cleanText)
    .pipe(
      z
        .string()
        .max(max, `${label} must be at most ${max} characters`)
        .refine((text) => !FORBIDDEN_MULTILINE.test(text), `${label} contains characters that can't be used`)
        // Text that is nothing but invisible characters is stored as no text.
        .transform((text) => (hasVisibleCharacter(text) ? text : '')),
    );
}

/** An id or version that Postgres compares with an `integer` column: out of its range is a 400, never a query error. */
export function pgInteger(message?: string) {
  return z.coerce.number(message ? { error: message } : undefined).int(message).positive(message).max(2_147_483_647, message);
}
