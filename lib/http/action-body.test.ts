import { describe, expect, it } from 'vitest';

import { ACTION_BODY_LIMIT } from './body-limits.mjs';
import { ACTION_BODY_BOUNDS, actionBodyRefusal, isActionPost } from './action-body';

/**
 * Hostile server-action bodies (docs/decisions/038-bounded-action-bodies.md): each fits the 32 KiB
 * limit, and each must be answered with a 400 at once, never an exception (a 500) or a hang.
 */
const url = 'http://thali.example/login';
const TOO_COMPLEX = { status: 400, error: 'Action request too complex.' };
const MALFORMED = { status: 400, error: 'Malformed action request.' };
const ACTION = '60a67cf5864b61ab40b4adafbc616bf436baa87b8d';

function form(fields: Record<string, string>, headers: Record<string, string> = {}): Request {
  const body = new FormData();
  // As React's client writes a call: the root (part 0) after the parts it refers to. An object lists
  // integer keys first, so '0' is moved to the end here.
  const entries = Object.entries(fields);
  for (const [name, value] of [...entries.filter(([name]) => name !== '0'), ...entries.filter(([name]) => name === '0')]) body.append(name, value);
  return new Request(url, { method: 'POST', body, headers });
}
const text = (body: string) => new Request(url, { method: 'POST', body, headers: { 'content-type': 'text/plain', 'next-action': ACTION } });

/** Resolves with the refusal and how long the check took. */
async function timedRefusal(request: Request) {
  const started = performance.now();
  const refusal = await actionBodyRefusal(request);
  return { refusal, ms: performance.now() - started };
}

/** Parts 1..n, each an array naming the next part twice: 2^n values when every reference is followed. */
function doubling(n: number, prefix = ''): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let id = 1; id <= n; id += 1) fields[`${prefix}${id}`] = JSON.stringify([`$${(id + 1).toString(16)}`, `$@${(id + 1).toString(16)}`]);
  fields[`${prefix}${n + 1}`] = '"leaf"';
  return fields;
}

describe('hostile action bodies are refused quickly (M1)', () => {
  it('a deeply nested argument is a 400, not a stack overflow', async () => {
    const depth = Math.floor((ACTION_BODY_LIMIT - 10) / 2);
    const { refusal } = await timedRefusal(text(`${'['.repeat(depth)}${']'.repeat(depth)}`));
    expect(refusal).toEqual(TOO_COMPLEX);
    const objects = await timedRefusal(text(`[${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}]`));
    expect(objects.refusal).toEqual(TOO_COMPLEX);
  });

  it('back-references that double at each part are a 400 within milliseconds', async () => {
    const { refusal, ms } = await timedRefusal(form({ ...doubling(40), 0: '["$1"]' }, { 'next-action': ACTION }));
    expect(refusal).toEqual(TOO_COMPLEX);
    expect(ms).toBeLessThan(200);
  });

  it('too many references or fields are a 400', async () => {
    const many = Array.from({ length: ACTION_BODY_BOUNDS.references + 1 }, () => '$1');
    expect((await timedRefusal(form({ 0: JSON.stringify(many), 1: '1' }, { 'next-action': ACTION }))).refusal).toMatchObject({ status: 400 });
    const fields = Object.fromEntries(Array.from({ length: ACTION_BODY_BOUNDS.fields + 1 }, (_, index) => [`_1_f${index}`, 'x']));
    expect((await timedRefusal(form({ ...fields, 0: '["$K1"]' }, { 'next-action': ACTION }))).refusal).toMatchObject({ status: 400 });
  });

  it("a call whose root is not a list of arguments is a 400: Next applied the action to it and answered the TypeError with a 500 (attack review)", async () => {
    for (const root of ['"x"', '1', 'true', 'null', '"$undefined"', '"$n1"', '"$$x"', '{}', '{"length":3}']) {
      expect(await actionBodyRefusal(text(root)), root).toEqual(MALFORMED);
      expect(await actionBodyRefusal(form({ 0: root }, { 'next-action': ACTION })), root).toEqual(MALFORMED);
    }
    expect(await actionBodyRefusal(text('[]'))).toBeNull();
  });

  it("what React's client sends still passes", async () => {
    expect(await actionBodyRefusal(text('[{"phone":"9876543210"},"$undefined"]'))).toBeNull();
    expect(await actionBodyRefusal(form({ _1_name: 'Dal', 0: '["$@2","$K1"]', 2: '{"a":["$3","$3"]}', 3: '[1,2]' }, { 'next-action': ACTION }))).toBeNull();
    // A cycle (an object holding itself) is a back-reference to a part being read.
    expect(await actionBodyRefusal(form({ 0: '["$1"]', 1: '{"self":"$1"}' }, { 'next-action': ACTION }))).toBeNull();
  });
});

describe("React's array size limit (attack review)", () => {
  it('a long part referenced again and again is a 400, not React\'s "Maximum array nesting exceeded" (a 500)', async () => {
    // 40 references to a 30 KB string part fit 32 KiB and every other bound; React counted 1.2 million
    // slots against its limit of a million and threw.
    const refusal = await actionBodyRefusal(form({ 1: JSON.stringify('a'.repeat(30_000)), 0: JSON.stringify([...Array.from({ length: 40 }, () => '$1'), 1, false]) }, { 'next-action': ACTION }));
    expect(refusal).toEqual(TOO_COMPLEX);
    // One such part, referenced a few times, is well within it.
    expect(await actionBodyRefusal(form({ 1: JSON.stringify('a'.repeat(30_000)), 0: '["$1","$1",1,false]' }, { 'next-action': ACTION }))).toBeNull();
  });
});

describe('parts arrive before what refers to them (attack review)', () => {
  // Next decodes a multipart call as busboy streams it, and React reads the root the moment part 0
  // arrives: a part it then needs (`$1`, `$Q1`, …) that comes later in the body was "Invalid forward
  // reference", a 500. React's client writes every part before the one that refers to it, the root
  // last; only a promise's part (`$@1`) may follow, since nothing reads it until the call is made.
  const ordered = (...fields: [string, string][]) => {
    const body = new FormData();
    for (const [name, value] of fields) body.append(name, value);
    return new Request(url, { method: 'POST', body, headers: { 'next-action': ACTION } });
  };
  it('a part referred to before it arrives is a 400', async () => {
    expect(await actionBodyRefusal(ordered(['0', '["$1",1,false]'], ['1', '"x"']))).toEqual(MALFORMED);
    expect(await actionBodyRefusal(ordered(['0', '["$Q1"]'], ['1', '[]']))).toEqual(MALFORMED);
    expect(await actionBodyRefusal(ordered(['1', '["$2"]'], ['0', '["$1"]'], ['2', '"x"']))).toEqual(MALFORMED);
  });
  it("what React's client writes passes: parts first, the root last, a promise's part after it", async () => {
    expect(await actionBodyRefusal(ordered(['2', '"x"'], ['1', '["$2"]'], ['3', '[]'], ['0', '["$1","$Q3"]']))).toBeNull();
    expect(await actionBodyRefusal(ordered(['0', '["$@1",1,false]'], ['1', '"x"']))).toBeNull();
    // What a promise's part needs is read when the action awaits it, after the whole body is in.
    expect(await actionBodyRefusal(ordered(['0', '["$@1"]'], ['1', '["$2"]'], ['2', '"x"']))).toBeNull();
    expect(await actionBodyRefusal(ordered(['0', '["$K1"]'], ['_1_a', 'x']))).toBeNull();
  });
});

describe('maps, sets and iterators must be what React builds them from, once each (attack review)', () => {
  // React builds `$Q<id>` with new Map(part), `$W<id>` with new Set(part) and `$i<id>` with
  // part[Symbol.iterator](): a part of another shape threw a TypeError there, which Next answered with a
  // 500 and an error log, from anyone, for any action on its page.
  it('a map, set or iterator part that is not an array (of entries, for a map) is a 400', async () => {
    const call = (root: string, part: string) => actionBodyRefusal(form({ 1: part, 0: root }, { 'next-action': ACTION }));
    for (const [root, part] of [
      ['["$Q1"]', '[1,2]'],
      ['["$Q1"]', '{"a":1}'],
      ['["$Q1"]', 'null'],
      ['["$Q1"]', '["ab"]'],
      ['["$W1"]', '5'],
      ['["$W1"]', '"abc"'],
      ['["$i1"]', '5'],
      ['["$i1"]', '{}'],
    ]) {
      expect(await call(root!, part!), `${root} with ${part}`).toEqual(MALFORMED);
    }
    // A map, set or iterator that holds itself is no shape React can build, nor two from one part.
    expect(await actionBodyRefusal(form({ 0: '["$Q0"]' }, { 'next-action': ACTION }))).toEqual(MALFORMED);
    expect(await call('["$W1","$i1"]', '["a",1]')).toEqual(MALFORMED);
    expect(await call('["$Q1",{"again":"$Q1"}]', '[["a",1]]')).toEqual(MALFORMED);
    // What React's client sends for a Map, a Set and an iterator.
    expect(await call('["$Q1"]', '[["a",1],["b",{"c":"$@2"}]]')).toEqual(MALFORMED); // $@2 is missing
    expect(await actionBodyRefusal(form({ 1: '[["a",1],["b",2]]', 2: '["a",1]', 3: '[1]', 0: '["$Q1","$W2","$i3","$2"]' }, { 'next-action': ACTION }))).toBeNull();
    expect(await call('["$Q1"]', '[]')).toBeNull();
  });
});

describe('temporary references are refused (attack sweep)', () => {
  // React decodes `$T` as an opaque client reference; an action reading it (a slug's length, a path
  // matched by a regex) threw, and Next answered 500. No client of this app sends one.
  it('`$T` anywhere in a call is a 400, in a text body or a multipart one', async () => {
    for (const args of [['$T', 1, false], ['badshah-roll-centre-jayanagar', '$T', {}, '$T'], ['$T'], [{ nested: ['$T'] }]]) {
      expect(await actionBodyRefusal(text(JSON.stringify(args))), JSON.stringify(args)).toEqual(MALFORMED);
      expect(await actionBodyRefusal(form({ 0: JSON.stringify(args) }, { 'next-action': ACTION })), JSON.stringify(args)).toEqual(MALFORMED);
    }
    expect(await actionBodyRefusal(form({ $ACTION_REF_1: '', '$ACTION_1:0': JSON.stringify({ id: ACTION, bound: '$@1' }), '$ACTION_1:1': '["$T"]' }))).toEqual(MALFORMED);
  });

  it('a string that only starts like one is still an escape or a date', async () => {
    expect(await actionBodyRefusal(text('["$$T","$D2024-01-01T00:00:00.000Z"]'))).toBeNull();
  });
});

describe('no-JavaScript action posts are checked like fetch ones (M2)', () => {
  const bound = (root: string, extra: Record<string, string> = {}) =>
    form({ $ACTION_REF_1: '', '$ACTION_1:0': root, $ACTION_KEY: 'k1', phone: '9876543210', ...extra });

  it('are classified as action posts: multipart POSTs to pages, with or without Next-Action', () => {
    const headers = (entries: Record<string, string>) => new Headers(entries);
    expect(isActionPost('POST', '/login', headers({ 'content-type': 'multipart/form-data; boundary=x' }))).toBe(true);
    expect(isActionPost('POST', '/login', headers({ 'next-action': ACTION }))).toBe(true);
    expect(isActionPost('POST', '/login', headers({ 'content-type': 'application/x-www-form-urlencoded' }))).toBe(false);
    expect(isActionPost('POST', '/api/x', headers({ 'content-type': 'multipart/form-data; boundary=x' }))).toBe(false);
    expect(isActionPost('GET', '/login', headers({ 'content-type': 'multipart/form-data; boundary=x' }))).toBe(false);
  });

  it("a Content-Type that says multipart in other letters is read as Next reads it, as text: its body is a 400, not a 500 (attack review)", async () => {
    // Next's test is case-sensitive (server-action-request-meta.js `startsWith('multipart/form-data')`):
    // `Multipart/form-data` passed this check as a valid form, then Next fed the raw multipart text to
    // React's JSON decoder: a 500 and a SyntaxError in the log.
    const body = '--b\r\nContent-Disposition: form-data; name="0"\r\n\r\n["x",1,false]\r\n--b--\r\n';
    for (const type of ['Multipart/form-data; boundary=b', 'MULTIPART/FORM-DATA; boundary=b']) {
      const request = new Request(url, { method: 'POST', body, headers: { 'content-type': type, 'next-action': ACTION } });
      expect(isActionPost('POST', '/login', request.headers)).toBe(true);
      expect(await actionBodyRefusal(request)).toEqual(MALFORMED);
      // Without Next-Action, Next takes it for no action at all (a page's POST), as this check must.
      expect(isActionPost('POST', '/login', new Headers({ 'content-type': type }))).toBe(false);
    }
    const exact = new Request(url, { method: 'POST', body, headers: { 'content-type': 'multipart/form-data; boundary=b', 'next-action': ACTION } });
    expect(await actionBodyRefusal(exact)).toBeNull();
  });

  it('a body is read as Next decodes it: a leading BOM or a part in another charset is a 400, not a 500 (attack review)', async () => {
    // Next reads a text call with Buffer#toString and a multipart one with busboy, which keep a BOM and
    // honour a part's charset; Request#text() and #formData() dropped the BOM and ignored the charset, so
    // these passed here and React's JSON.parse threw on what it got.
    const call = '["bengaluru-dosa",1,false]';
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(call)]);
    const textCall = (body: BodyInit) => new Request(url, { method: 'POST', body, headers: { 'content-type': 'text/plain;charset=UTF-8', 'next-action': ACTION } });
    expect(await actionBodyRefusal(textCall(bom))).toEqual(MALFORMED);
    expect(await actionBodyRefusal(textCall(call))).toBeNull();
    const multipart = (partHeaders: string, value: Uint8Array) =>
      new Request(url, {
        method: 'POST',
        body: new Uint8Array([
          ...new TextEncoder().encode(`--b\r\nContent-Disposition: form-data; name="0"\r\n${partHeaders}\r\n`),
          ...value,
          ...new TextEncoder().encode('\r\n--b--\r\n'),
        ]),
        headers: { 'content-type': 'multipart/form-data; boundary=b', 'next-action': ACTION },
      });
    expect(await actionBodyRefusal(multipart('', bom))).toEqual(MALFORMED);
    expect(await actionBodyRefusal(multipart('Content-Type: text/plain; charset=utf-16le\r\n', new TextEncoder().encode(call)))).toEqual(MALFORMED);
    expect(await actionBodyRefusal(multipart('', new TextEncoder().encode(call)))).toBeNull();
    expect(await actionBodyRefusal(multipart('Content-Type: text/plain; charset=utf-8\r\n', new TextEncoder().encode(call)))).toBeNull();
  });

  it("a form's bound arguments that double or nest deeply are a 400", async () => {
    const hostile = { ...doubling(40, '$ACTION_1:'), '$ACTION_1:0': JSON.stringify({ id: ACTION, bound: '$@1' }) };
    const { refusal, ms } = await timedRefusal(form({ $ACTION_REF_1: '', ...hostile }));
    expect(refusal).toEqual(TOO_COMPLEX);
    expect(ms).toBeLessThan(200);
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    expect((await timedRefusal(bound(JSON.stringify({ id: ACTION, bound: '$@1' }), { '$ACTION_1:1': deep }))).refusal).toEqual(TOO_COMPLEX);
  });

  it('a bound descriptor pointing nowhere, or a malformed action id, is a 400', async () => {
    expect(await actionBodyRefusal(bound(JSON.stringify({ id: ACTION, bound: '$@1' })))).toMatchObject({ status: 400 });
    expect(await actionBodyRefusal(bound('not json'))).toMatchObject({ status: 400 });
    expect(await actionBodyRefusal(form({ '$ACTION_ID_../x': '', name: 'x' }))).toMatchObject({ status: 400 });
  });

  it('what a progressively enhanced form sends passes, and so does a multipart POST that is no action', async () => {
    expect(await actionBodyRefusal(bound(JSON.stringify({ id: ACTION, bound: '$@1' }), { '$ACTION_1:1': '[]' }))).toBeNull();
    expect(await actionBodyRefusal(form({ [`$ACTION_ID_${ACTION}`]: '', name: 'Dal' }))).toBeNull();
    expect(await actionBodyRefusal(form({ name: 'Dal' }))).toBeNull();
  });
});
