import fs from 'node:fs';

import fc from 'fast-check';

import { actionId, callAction, cookiesFrom } from './support/actions';
import { withPostgres } from './support/backends';
import { E2E_ADMIN, E2E_PORT, E2E_SHARED_BACKENDS } from './support/config';
import { requestFrom, uniqueLoopbackAddress } from './support/loopback';
import { expect, test } from './support/test';

/**
 * Property: whatever a client sends to any API parameter, form field or server action, the answer
 * is never a 5xx, and input that can't be valid writes nothing to Postgres. fast-check generates the
 * inputs (unicode, control characters, huge numbers, wrong types, nested JSON); runs are bounded so
 * the suite stays quick, and a failure prints the smallest input that fails.
 */
const base = `http://127.0.0.1:${E2E_PORT}`;
const RUNS = Number(process.env.E2E_PROPERTY_RUNS ?? 20);

interface Manifest {
  node: Record<string, { workers: Record<string, unknown>; exportedName?: string }>;
}

/** Anything a client can put in a path segment or query value. */
const segment = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('..', '%00', '%', 'a'.repeat(300), 'bengaluru', '-', '🍛'));
/** Arguments of an action call, as JSON: any shape, type or size, with real slugs, ids and paths mixed in to get past the first checks. */
/** Strings React's decoder or the actions treat specially: a temporary reference (the proxy refuses it), a lone surrogate, a long id. */
const REACT_ODDITIES = ['$T', '$undefined', '$D2024-01-01', '$n12', '\ud800', '%'.repeat(6_000)];
const argsWith = (real: unknown[]) =>
  fc.array(fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(...real, ...REACT_ODDITIES)), { maxLength: 5 });
/** A form: any field names and values, including the real fields' names. */
const formFields = fc.dictionary(
  fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('email', 'password', 'phone', 'code', 'intent', 'name', 'price', 'categoryId', 'version', 'id', 'key', 'namespace', 'queue', 'idempotencyKey', 'favourite', 'cuisines', 'description', 'confirmPassword')),
  fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.constantFrom('\u200B', '\u0000', '999999999999', '-1', '1e400', 'NaN', 'send', 'verify', 'true')),
  { maxKeys: 8 },
);

/** A path to post an action to: the first page whose bundle has it, with its dynamic segments filled. */
function pathOf(page: string, params: { slug: string; itemId: number }): string {
  return (
    page
      .replace(/^app/, '')
      .replace(/\/page$/, '')
      .replace(/\/\([^)]+\)/g, '')
      .replace('[city]', 'bengaluru')
      .replace('[restaurant]', params.slug)
      .replace('[slug]', params.slug)
      .replace('[id]', String(params.itemId)) || '/'
  );
}

/** Postgres rows an action could write, as one digest (the view counts and job-driven order steps move on their own). */
const digest = () =>
  withPostgres(async (sql) => {
    const tables = ['restaurants', 'menu_items', 'menu_categories', 'admins', 'audit_log', 'favourites', 'customers'];
    const rows = await Promise.all(tables.map((table) => sql.unsafe(`select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as d from ${table} t`)));
    const orders = await sql`select count(*)::int as n from orders`;
    return [...rows.map((row) => row[0]!.d as string), orders[0]!.n as number].join('|');
  });

test.describe('no 5xx, whatever the input', () => {
  test.describe.configure({ timeout: 300_000 });

  test('API parameters', async () => {
    const from = uniqueLoopbackAddress();
    await fc.assert(
      fc.asyncProperty(segment, segment, async (a, b) => {
        const encoded = [encodeURIComponent(a), encodeURIComponent(b)];
        for (const [method, path] of [
          ['GET', `/api/cities/${encoded[0]}/restaurants?sort=${encoded[1]}`],
          ['GET', `/api/restaurants/${encoded[0]}/menu`],
          ['POST', `/api/restaurants/${encoded[0]}/views`],
          ['GET', `/api/restaurants/${encoded[0]}/visitor`],
          ['GET', `/api/orders/${encoded[0]}/status`],
          ['GET', `/${encoded[0]}?cuisine=${encoded[1]}&veg=${encoded[1]}&sort=${encoded[1]}`],
          ['GET', `/${encoded[0]}/${encoded[1]}`],
          ['GET', `/orders/${encoded[0]}`],
        ] as const) {
          const answer = await requestFrom(from, `${base}${path}`, { method, headers: { 'user-agent': 'Mozilla/5.0 Chrome/126.0', cookie: `thali_vid=${encoded[1]}` } });
          expect(answer.status, `${method} ${path}`).toBeLessThan(500);
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('server actions, signed out and signed in, with arguments and forms of any shape', async () => {
    test.skip(!E2E_SHARED_BACKENDS, 'compares Postgres before and after (CI has the real e2e database)');
    const manifest = JSON.parse(fs.readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as Manifest;
    const [place] = (await (await fetch(`${base}/api/cities/bengaluru/restaurants`)).json()) as { slug: string }[];
    const menu = (await (await fetch(`${base}/api/restaurants/${place!.slug}/menu`)).json()) as { categories: { items: { id: number }[] }[] };
    const params = { slug: place!.slug, itemId: menu.categories[0]!.items[0]!.id };
    // Signing out would end the session the rest of the run uses: those two run signed out only.
    const actions = Object.entries(manifest.node).map(([id, entry]) => ({ id, name: entry.exportedName ?? id, path: pathOf(Object.keys(entry.workers)[0]!, params) }));

    const jsonArgs = argsWith([params.slug, params.itemId, `/bengaluru/${params.slug}`, {}, true, 1]);
    const from = uniqueLoopbackAddress();
    const login = await callAction({ base, path: '/admin/login', id: actionId('logIn', 'app/admin/login/page'), from, form: { email: E2E_ADMIN.email, password: E2E_ADMIN.password }, formArgs: [{}] });
    const admin = cookiesFrom(login);
    expect(admin).toContain('thali_admin=');

    const before = await digest();
    for (const signedIn of [false, true]) {
      for (const action of actions) {
        if (signedIn && /^signOut/.test(action.name)) continue;
        const headers: Record<string, string> = signedIn ? { cookie: admin } : {};
        await fc.assert(
          fc.asyncProperty(jsonArgs, async (args) => {
            const answer = await callAction({ base, path: action.path, id: action.id, from, args, headers });
            expect(answer.status, `${action.name}(${JSON.stringify(args)})`).toBeLessThan(500);
          }),
          { numRuns: RUNS },
        );
        await fc.assert(
          fc.asyncProperty(jsonArgs, formFields, async (formArgs, form) => {
            const answer = await callAction({ base, path: action.path, id: action.id, from, form, formArgs, headers });
            expect(answer.status, `${action.name}(${JSON.stringify(formArgs)}, form ${JSON.stringify(form)})`).toBeLessThan(500);
          }),
          { numRuns: RUNS },
        );
      }
    }
    // Random input is never a valid change: nothing was written (the session's own sign-in aside).
    expect(await digest()).toBe(before);
  });
});
