import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { SentAt } from './sent-at';

// The browser's branch: the clock has a value (on the server it is null).
const clock = vi.hoisted(() => ({ now: null as number | null }));
vi.mock('react', async (original) => ({ ...(await original<typeof import('react')>()), useSyncExternalStore: () => clock.now }));

const text = (html: string) => html.replace(/<[^>]+>/g, '');
const zone = process.env.TZ;

afterEach(() => {
  clock.now = null;
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('SentAt (the demo outbox)', () => {
  const iso = '2026-12-07T14:12:05.000Z'; // 7:42:05 pm in India

  it('says the time in India without JavaScript, where the app’s other times are', () => {
    expect(text(renderToStaticMarkup(createElement(SentAt, { iso })))).toBe('7:42 pm IST');
  });

  // Customer walk: redrawn in the browser's own zone, a visitor abroad read "9:12:05 am" beside an order
  // page saying "Placed 7:42 pm". The browser keeps India's time, adding the seconds and how long ago.
  it('keeps India’s time in a browser abroad, with the seconds and how long ago', () => {
    process.env.TZ = 'America/New_York';
    clock.now = Date.parse(iso) + 2 * 60_000;
    expect(text(renderToStaticMarkup(createElement(SentAt, { iso })))).toBe('7:42:05 pm IST · 2 min ago');
  });
});
