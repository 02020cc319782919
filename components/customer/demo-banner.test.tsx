import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { DemoBanner } from './demo-banner';

describe('the demo-mode notice', () => {
  // Customer walk: on the sign-in page the outbox link left the page; Back found the number step
  // again, with the code sent and nowhere to type it.
  it('on the sign-in page, opens the outbox in a new tab and says so', () => {
    const html = renderToStaticMarkup(createElement(DemoBanner, { newTab: true }));
    expect(html).toMatch(/<a[^>]*href="\/dev\/outbox"[^>]*target="_blank"[^>]*rel="noopener"|<a[^>]*target="_blank"[^>]*rel="noopener"[^>]*href="\/dev\/outbox"/);
    expect(html).toContain('<span class="sr-only"> (opens in a new tab)</span>');
    expect(html.replace(/<[^>]+>/g, '')).toContain('It opens in a new tab: keep this one to type the code.');
  });

  it('on the outbox page itself, a plain link', () => {
    const html = renderToStaticMarkup(createElement(DemoBanner));
    expect(html).not.toContain('target=');
    expect(html).not.toContain('new tab');
  });
});
