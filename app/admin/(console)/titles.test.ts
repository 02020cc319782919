import type { Metadata } from 'next';
import { describe, expect, it } from 'vitest';

import { metadata as adminLayout } from '../layout';

/** A title as the browser shows it under the admin layout's template (a plain string title only). */
function shown(metadata: Metadata): string {
  const template = (adminLayout.title as { template: string }).template;
  return template.replace('%s', metadata.title as string);
}

// Review: the dashboard's title named the console itself, which the admin layout's template adds
// again: the tab read "Dashboard · Thali admin · Thali admin".
describe("the admin console's page titles", () => {
  it.each([
    ['Dashboard', () => import('./(dashboard)/page')],
    ['Team', () => import('./team/page')],
    ['Cache', () => import('./cache/page')],
    ['Queue', () => import('./queue/page')],
    ['Restaurants', () => import('./restaurants/(list)/page')],
  ])('%s says "Thali admin" once, after the page', async (name, load) => {
    const { metadata } = (await load()) as { metadata: Metadata };
    expect(shown(metadata)).toBe(`${name} · Thali admin`);
  });
});
