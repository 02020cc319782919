import { createHash } from 'node:crypto';

import { getImageProps } from 'next/image';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { contentSecurityPolicy } from './security-headers';

/**
 * Review finding M5: next/image renders an inline `style` attribute on every image (`fill` positions
 * it absolutely; every image gets `color:transparent`). Under the admin pages' nonce policy the browser
 * blocked it, so a photo loaded with the page lost its position and size. The policy allows exactly
 * those attribute values by hash, and no other inline style.
 */
const hash = (value: string) => `'sha256-${createHash('sha256').update(value).digest('base64')}'`;

function renderedStyles(): string[] {
  const images = [
    getImageProps({ src: '/media/0123.webp', alt: 'a photo', fill: true, sizes: '100vw' }).props,
    getImageProps({ src: '/media/0123.webp', alt: 'a photo', width: 320, height: 240 }).props,
  ];
  return images.map((props) => /style="([^"]*)"/.exec(renderToStaticMarkup(createElement('img', props)))![1]!);
}

describe("next/image's inline styles", () => {
  for (const [name, context] of [
    ['an admin page (nonce)', { pathname: '/admin/restaurants/x', nonce: 'abc=' }],
    ['a public page', { pathname: '/bengaluru/x' }],
  ] as const) {
    it(`are allowed by hash on ${name}, with no 'unsafe-inline' for styles`, () => {
      const policy = contentSecurityPolicy({ https: false, dev: false, ...context });
      const styleSrc = policy.split('; ').find((entry) => entry.startsWith('style-src '))!;
      expect(styleSrc).toContain("'unsafe-hashes'");
      expect(styleSrc).not.toContain("'unsafe-inline'");
      for (const style of renderedStyles()) expect(styleSrc, style).toContain(hash(style));
    });
  }
});
