import { describe, expect, it } from 'vitest';

import { plainPathOf } from './plain-path';

describe('the plain spelling of a path', () => {
  // Reviews: Next decodes a path before it routes, so /%61dmin/restaurants rendered the console under the
  // public pages' policy, /%61pi/cities drew on the pages' budget, /%64elhi rendered per request.
  it('decodes escaped letters, digits, - _ and ~, in either case of hex', () => {
    expect(plainPathOf('/%61dmin/restaurants')).toBe('/admin/restaurants');
    expect(plainPathOf('/%64%65lhi/k%61rims')).toBe('/delhi/karims');
    expect(plainPathOf('/%6Cogin')).toBe('/login');
    expect(plainPathOf('/%61pi/cities')).toBe('/api/cities');
    expect(plainPathOf('/a%2Db%5Fc%7Ed%30')).toBe('/a-b_c~d0');
  });

  it('leaves alone a path with nothing to decode, and every escape that is not of those', () => {
    for (const path of ['/delhi', '/', '/delhi%2Fkarims', '/%2E%2E/admin', '/a%20b', '/%25', '/%2564elhi', '/%E0%A4%A', '/%zz', '/caf%C3%A9']) {
      expect(plainPathOf(path), path).toBeNull();
    }
  });

  it('keeps what it does not decode as it was, beside what it does', () => {
    expect(plainPathOf('/%61%2F%62')).toBe('/a%2Fb');
  });
});
