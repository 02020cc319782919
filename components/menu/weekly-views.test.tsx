import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { WeeklyViews } from './weekly-views';

const render = (views: number) => renderToStaticMarkup(createElement(WeeklyViews, { views }));

describe("a menu's views this week", () => {
  it('says nothing, rather than "No views yet", when no one has viewed it this week', () => {
    const html = render(0);
    expect(html.replace(/<[^>]*>/g, '')).toBe('');
    expect(html).toBe('<span data-testid="weekly-views" data-views="0" hidden=""></span>');
  });

  it('shows the figure once there is one', () => {
    expect(render(1)).toContain('1 view this week');
    expect(render(1234)).toContain('1.2k views this week');
  });
});
