import { describe, expect, it } from 'vitest';

import { loginNotice, loginUrl, safeNextPath } from './next-path';

describe('safeNextPath', () => {
  it('keeps paths of the admin, with their query', () => {
    expect(safeNextPath('/admin')).toBe('/admin');
    expect(safeNextPath('/admin/restaurants')).toBe('/admin/restaurants');
    expect(safeNextPath('/admin/restaurants/12?tab=menu')).toBe('/admin/restaurants/12?tab=menu');
  });

  it('sends everything else to the admin home', () => {
    for (const value of [
      undefined,
      ['/admin/cache'],
      '',
      'admin',
      'https://evil.example/admin',
      '//evil.example/admin',
      '/\\evil.example',
      '/\tevil',
      '\\\\evil.example',
      '/admin/../bengaluru',
      '/administrators',
      '/bengaluru',
      '/admin/login',
      '/admin/login?next=/admin',
      'javascript:alert(1)',
      `/admin/${'a'.repeat(2_000)}`,
      '/admin/..//evil.example/admin',
    ]) {
      expect(safeNextPath(value), String(value)).toBe('/admin');
    }
  });

  it('drops the fragment', () => {
    expect(safeNextPath('/admin/cache#top')).toBe('/admin/cache');
  });
});

describe('loginUrl', () => {
  it('carries a safe next and a notice, and nothing for the defaults', () => {
    expect(loginUrl('/admin')).toBe('/admin/login');
    expect(loginUrl('/admin/cache', 'signed-out')).toBe('/admin/login?next=%2Fadmin%2Fcache&notice=signed-out');
    expect(loginUrl('//evil.example')).toBe('/admin/login');
  });
});

describe('loginNotice', () => {
  it('reads only its own notices: an inherited name (?notice=__proto__) rendered an object and the page answered 500', () => {
    expect(loginNotice('signed-out')).toBe('You have signed out.');
    for (const value of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'signed-in', ['signed-out'], undefined]) {
      expect(loginNotice(value), String(value)).toBeNull();
    }
  });
});
