import { describe, expect, it } from 'vitest';

import { targetRefusal } from './request-target.mjs';

describe('request targets', () => {
  it('refuses a path with a malformed %-escape (Next answered these with a 500, before proxy.ts)', () => {
    for (const target of ['/%', '/bengaluru/%ff', '/api/restaurants/%E0%A4/menu', '/orders/%zz', '/media/%ff?x=1']) {
      expect(targetRefusal(target), target).toMatchObject({ status: 400 });
    }
  });

  it('lets through every well-formed path, whatever its query string', () => {
    for (const target of ['/', '/bengaluru/dosa-corner', '/bengaluru/%E0%A4%A6', '/api/cities/x/search?q=%ff', '/a%20b', undefined]) {
      expect(targetRefusal(target), String(target)).toBeNull();
    }
  });
});
