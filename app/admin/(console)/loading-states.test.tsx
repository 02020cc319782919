import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

// Review (review2): the dashboard (a Redis MGET per restaurant and two Postgres reads) and the queue
// page (every queue's lists) had no loading state, so a click in the console's nav sat on the old page
// with no sign of progress while they read. Every console page that waits on a store says it is loading.
// (None sits above a layout that may answer 404: that must be decided before anything streams.)
describe('admin console pages that read a store have a loading state', () => {
  it.each(['(dashboard)', 'queue', 'cache', 'team', 'restaurants/(list)', 'restaurants/[slug]/(overview)', 'restaurants/[slug]/items/[id]'])(
    '%s',
    async (segment) => {
      expect(existsSync(join(here, segment, 'page.tsx')), `${segment}/page.tsx`).toBe(true);
      const file = join(here, segment, 'loading.tsx');
      expect(existsSync(file), `${segment}/loading.tsx`).toBe(true);
      const { default: Loading } = (await import(file)) as { default: () => React.ReactElement };
      expect(renderToStaticMarkup(<Loading />)).toMatch(/role="status"[^>]*>[^<]+…/);
    },
  );
});
