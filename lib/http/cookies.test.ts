import { describe, expect, it } from 'vitest';

import { cookieFrom } from './cookies';

// What Next's cookies() would answer for the same header: the gate in front of a route must not judge
// a different cookie from the one the route then reads.
const read = (cookie: string, name = 'a') => cookieFrom(new Headers({ cookie }), name);

describe('cookieFrom reads a Cookie header as Next does', () => {
  it('takes the last of two cookies of one name', () => {
    expect(read('a=first; a=second')).toBe('second');
  });

  it('percent-decodes the value, and skips a value that does not decode', () => {
    expect(read('a=x%2Ey')).toBe('x.y');
    expect(read('a=good; a=%E0%A4')).toBe('good');
  });

  it('matches the name exactly and is undefined without it', () => {
    expect(read('ab=1; b=2')).toBeUndefined();
    expect(read('')).toBeUndefined();
    expect(read('x=1;a=2')).toBe('2');
  });
});
