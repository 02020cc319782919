import { describe, expect, it } from 'vitest';

import { compileGlob, escapeGlob, globMatch } from './glob';

describe('globMatch', () => {
  it('matches literals exactly and case-sensitively', () => {
    expect(globMatch('menu:v1', 'menu:v1')).toBe(true);
    expect(globMatch('menu:v1', 'menu:v2')).toBe(false);
    expect(globMatch('menu', 'Menu')).toBe(false);
    expect(globMatch('menu', 'menus')).toBe(false);
  });

  it('* matches any run of bytes, including none', () => {
    expect(globMatch('menu:*', 'menu:')).toBe(true);
    expect(globMatch('menu:*', 'menu:v1:restaurant:{x}')).toBe(true);
    expect(globMatch('*:restaurants', 'city:v1:{pune}:restaurants')).toBe(true);
    expect(globMatch('a*b*c', 'aXXbYYc')).toBe(true);
    expect(globMatch('a*b*c', 'aXXbYY')).toBe(false);
    expect(globMatch('a**b', 'ab')).toBe(true);
    expect(globMatch('*a', 'banana')).toBe(true);
    expect(globMatch('*an*an*', 'banana')).toBe(true);
    expect(globMatch('*ana', 'bananas')).toBe(false);
  });

  it('? matches exactly one byte', () => {
    expect(globMatch('h?llo', 'hello')).toBe(true);
    expect(globMatch('h?llo', 'hllo')).toBe(false);
    expect(globMatch('h?llo', 'heello')).toBe(false);
  });

  it('works on UTF-8 bytes like Redis, so ? matches a byte and not a character', () => {
    expect(globMatch('caf?', 'café')).toBe(false);
    expect(globMatch('caf??', 'café')).toBe(true);
    expect(globMatch('caf*', 'café')).toBe(true);
  });

  it('supports classes, ranges and negation', () => {
    expect(globMatch('h[ae]llo', 'hallo')).toBe(true);
    expect(globMatch('h[ae]llo', 'hillo')).toBe(false);
    expect(globMatch('key:[0-9]', 'key:7')).toBe(true);
    expect(globMatch('key:[0-9]', 'key:x')).toBe(false);
    expect(globMatch('key:[9-0]', 'key:4')).toBe(true); // reversed ranges are swapped
    expect(globMatch('h[^e]llo', 'hallo')).toBe(true);
    expect(globMatch('h[^e]llo', 'hello')).toBe(false);
    expect(globMatch('[a-cx]', 'x')).toBe(true);
    expect(globMatch('[a-cx]', 'd')).toBe(false);
  });

  it('handles the degenerate classes the way Redis does', () => {
    expect(globMatch('a[]b', 'axb')).toBe(false);
    expect(globMatch('a[^]b', 'axb')).toBe(true);
    expect(globMatch('a[bc', 'ab')).toBe(true); // unterminated: the class runs to the end
    expect(globMatch('a[bc', 'ad')).toBe(false);
    expect(globMatch('a[', 'a')).toBe(false);
  });

  it('honours backslash escapes inside and outside classes', () => {
    expect(globMatch('a\\*b', 'a*b')).toBe(true);
    expect(globMatch('a\\*b', 'aXb')).toBe(false);
    expect(globMatch('a\\?', 'a?')).toBe(true);
    expect(globMatch('a\\?', 'ab')).toBe(false);
    expect(globMatch('\\[x]', '[x]')).toBe(true);
    expect(globMatch('[\\]]', ']')).toBe(true);
    expect(globMatch('[\\^a]', '^')).toBe(true);
    expect(globMatch('a\\', 'a\\')).toBe(true); // a lone trailing backslash is literal
  });

  it('matches the empty subject only with the empty pattern', () => {
    expect(globMatch('', '')).toBe(true);
    expect(globMatch('*', '')).toBe(false);
    expect(globMatch('', 'a')).toBe(false);
  });

  it('stays fast on patterns that would explode a naive backtracker', () => {
    const subject = 'a'.repeat(5000);
    const started = performance.now();
    expect(globMatch(`${'*a'.repeat(50)}b`, subject)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('compileGlob', () => {
  it('returns a reusable matcher', () => {
    const isMenu = compileGlob('menu:v1:*');
    expect(['menu:v1:a', 'city:v1:a', 'menu:v1:b'].filter(isMenu)).toEqual(['menu:v1:a', 'menu:v1:b']);
  });
});

describe('escapeGlob', () => {
  it('makes every metacharacter literal', () => {
    const literal = 'pre*fix?[x]\\:';
    const escaped = escapeGlob(literal);
    expect(globMatch(escaped, literal)).toBe(true);
    expect(globMatch(`${escaped}*`, `${literal}tail`)).toBe(true);
    expect(globMatch(`${escaped}*`, 'preXfix?[x]\\:tail')).toBe(false);
  });
});
