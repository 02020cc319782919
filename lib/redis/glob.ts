/**
 * Redis's glob matcher (util.c stringmatchlen) for SCAN MATCH, including its quirks, so the in-process
 * store filters keys exactly as a real server would:
 *
 * - It works on UTF-8 bytes, not characters: `?` matches one byte, so "é" needs `??`.
 * - `[abc]`, `[a-z]` (reversed ranges are swapped), `[^a]`, and `\` escapes inside and outside classes.
 * - `[]` matches nothing and `[^]` matches any one byte; an unterminated class ends at the pattern's end.
 * - A lone trailing `\` is a literal backslash.
 * - An empty subject matches only the empty pattern (SCAN special-cases a bare `*` before matching).
 */

type Token =
  | { kind: 'star' }
  | { kind: 'byte'; byte: number }
  | { kind: 'class'; negated: boolean; bytes: number[]; ranges: [number, number][] };

const STAR = 0x2a; // *
const QUESTION = 0x3f; // ?
const OPEN = 0x5b; // [
const CLOSE = 0x5d; // ]
const CARET = 0x5e; // ^
const DASH = 0x2d; // -
const BACKSLASH = 0x5c; // \

const encoder = new TextEncoder();

/** Parses a class starting just after its `[`; returns the token and the index after the class. */
function parseClass(p: Uint8Array, start: number): [Token, number] {
  let i = start;
  const negated = p[i] === CARET;
  if (negated) i++;
  const bytes: number[] = [];
  const ranges: [number, number][] = [];
  while (i < p.length) {
    const current = p[i]!;
    if (current === BACKSLASH && i + 1 < p.length) {
      bytes.push(p[i + 1]!);
      i += 2;
    } else if (current === CLOSE) {
      return [{ kind: 'class', negated, bytes, ranges }, i + 1];
    } else if (i + 2 < p.length && p[i + 1] === DASH) {
      const a = current;
      const b = p[i + 2]!;
      ranges.push(a <= b ? [a, b] : [b, a]);
      i += 3;
    } else {
      bytes.push(current);
      i++;
    }
  }
  return [{ kind: 'class', negated, bytes, ranges }, i];
}

function tokenize(pattern: Uint8Array): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const current = pattern[i]!;
    if (current === STAR) {
      // Consecutive stars behave as one; collapsing them keeps matching linear in the subject.
      if (tokens.at(-1)?.kind !== 'star') tokens.push({ kind: 'star' });
      i++;
    } else if (current === QUESTION) {
      tokens.push({ kind: 'class', negated: true, bytes: [], ranges: [] });
      i++;
    } else if (current === OPEN) {
      const [token, next] = parseClass(pattern, i + 1);
      tokens.push(token);
      i = next;
    } else if (current === BACKSLASH && i + 1 < pattern.length) {
      tokens.push({ kind: 'byte', byte: pattern[i + 1]! });
      i += 2;
    } else {
      tokens.push({ kind: 'byte', byte: current });
      i++;
    }
  }
  return tokens;
}

function matchesOne(token: Exclude<Token, { kind: 'star' }>, byte: number): boolean {
  if (token.kind === 'byte') return token.byte === byte;
  const inClass = token.bytes.includes(byte) || token.ranges.some(([lo, hi]) => byte >= lo && byte <= hi);
  return inClass !== token.negated;
}

function matchTokens(tokens: readonly Token[], subject: Uint8Array): boolean {
  // Iterative backtracking to the last star: same answers as Redis's recursion without its depth limit.
  let t = 0;
  let s = 0;
  let starToken = -1;
  let starSubject = 0;
  while (s < subject.length) {
    const token = tokens[t];
    if (token?.kind === 'star') {
      starToken = t++;
      starSubject = s;
    } else if (token && matchesOne(token, subject[s]!)) {
      t++;
      s++;
    } else if (starToken >= 0) {
      t = starToken + 1;
      s = ++starSubject;
    } else {
      return false;
    }
  }
  while (tokens[t]?.kind === 'star') t++;
  return t === tokens.length;
}

/** Compiles a pattern once, for filtering many keys (one SCAN step). */
export function compileGlob(pattern: string): (subject: string) => boolean {
  const tokens = tokenize(encoder.encode(pattern));
  const patternIsEmpty = pattern.length === 0;
  return (subject) => (subject.length === 0 ? patternIsEmpty : matchTokens(tokens, encoder.encode(subject)));
}

export function globMatch(pattern: string, subject: string): boolean {
  return compileGlob(pattern)(subject);
}

/** Escapes glob metacharacters so a literal key prefix can be used in a MATCH pattern. */
export function escapeGlob(literal: string): string {
  return literal.replace(/[*?[\]\\]/g, '\\$&');
}
