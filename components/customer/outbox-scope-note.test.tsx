import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { OutboxScopeNote } from './outbox-scope-note';

describe('the production outbox’s note on what this browser sees', () => {
  // Customer walkthrough: signing in again from a second browser said "We sent a 6-digit code to
  // +91 98765 93762." and the outbox said only "No messages for this browser yet.", for ever.
  it('says why a code asked for from another browser never shows, and what to do instead', () => {
    const html = renderToStaticMarkup(createElement(OutboxScopeNote));
    expect(html).toContain('This browser sees only the codes it asked for and the texts to numbers it signed in with.');
    expect(html).toContain('A number that already has an account shows its codes only in a browser that signed in with it before');
    expect(html).toContain('sign in with another number');
  });
});
