import { readdirSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { TOP_LEVEL_ROUTES } from '@/lib/menus/slug';

import { isSharedPath, pageOfSegments, pageOfSharedPath, sharedPageAt, sharedPathOf } from './paths';

describe('shared page paths', () => {
  it('gives home, a city and a menu their shared path, and back', () => {
    for (const [address, page] of [
      ['/', { kind: 'home' }],
      ['/pune', { kind: 'city', city: 'pune' }],
      ['/pune/goyal-bhojanalay', { kind: 'menu', city: 'pune', restaurant: 'goyal-bhojanalay' }],
    ] as const) {
      expect(sharedPageAt(address)).toEqual(page);
      expect(pageOfSharedPath(sharedPathOf(page))).toEqual(page);
      expect(isSharedPath(sharedPathOf(page))).toBe(true);
    }
  });

  it('knows every top-level route of the app, which no city can shadow', () => {
    const routes = readdirSync(path.resolve('app'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('[') && !entry.name.startsWith('('))
      .map((entry) => entry.name);
    expect([...TOP_LEVEL_ROUTES].sort()).toEqual(routes.sort());
    for (const route of TOP_LEVEL_ROUTES) {
      expect(sharedPageAt(`/${route}`)).toBeNull();
      expect(sharedPageAt(`/${route}/dosa-corner`)).toBeNull();
    }
    expect(pageOfSegments(['city', 'api'])).toBeNull();
  });

  it('has no shared page for any other address', () => {
    for (const address of ['/pune/', '/pune/a/b', '/Pune', '/pune/dosa_corner', '/pune/%2e%2e', '//pune', '/a--b', '']) {
      expect(sharedPageAt(address)).toBeNull();
    }
  });

  it('reads only the three shapes it writes from the route segments', () => {
    expect(pageOfSegments(['home'])).toEqual({ kind: 'home' });
    expect(pageOfSegments(['home', 'x'])).toBeNull();
    expect(pageOfSegments(['city'])).toBeNull();
    expect(pageOfSegments(['city', 'pune', 'extra'])).toBeNull();
    expect(pageOfSegments(['menu', 'pune'])).toBeNull();
    expect(pageOfSegments(['menu', 'pune', 'x', 'y'])).toBeNull();
    expect(pageOfSegments(['not-found'])).toBeNull();
    expect(pageOfSegments(['city', '../admin'])).toBeNull();
  });
});
