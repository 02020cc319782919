import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

import { actionBodyRefusal } from './action-body';

const require = createRequire(import.meta.url);
const client = require('next/dist/compiled/react-server-dom-webpack/client.node') as { encodeReply(value: unknown): Promise<string | FormData> };
const ACTION = '60a67cf5864b61ab40b4adafbc616bf436baa87b8d';

async function refusalFor(args: unknown[]) {
  const body = await client.encodeReply(args);
  const request = new Request('http://thali.example/x', { method: 'POST', body, headers: { 'next-action': ACTION, ...(typeof body === 'string' ? { 'content-type': 'text/plain;charset=UTF-8' } : {}) } });
  return { refusal: await actionBodyRefusal(request), body };
}

/**
 * What React's own client encodes (encodeReply) for the argument shapes a call can carry passes the
 * check: the hand-written bodies in action-body.test.ts are what it refuses; these guard against false
 * 400s (a file in a form, a promise after the root, maps, sets, iterators, large arrays).
 * Known and left: an object passed twice is sent as a path reference (`$0:0`), which the check refuses.
 */
describe('calls encoded by React\'s client pass', () => {
  const cases: Record<string, () => unknown[]> = {
    formData: () => { const f = new FormData(); f.append('name', 'x'); f.append('qty', '2'); return [null, f]; },
    formDataFile: () => { const f = new FormData(); f.append('photo', new File(['abc'], 'a.png', { type: 'image/png' })); f.append('n', 'x'); return [f]; },
    emptyFile: () => { const f = new FormData(); f.append('photo', new File([], '', { type: 'application/octet-stream' })); return [f]; },
    promise: () => [Promise.resolve({ a: 1, b: [1, 2] })],
    promiseOfMap: () => [Promise.resolve(new Map([[1, 2]]))],
    map: () => [new Map([['a', { b: 1 }]])],
    set: () => [new Set([1, 2])],
    nested: () => [{ a: { b: { c: [1, 2, 3] } } }],
    dollar: () => ['$1', '$K1', '$@x'],
    date: () => [new Date(0), 10n, undefined, -0, NaN, Infinity],
    bigArray: () => [Array.from({ length: 3000 }, (_, i) => i)],
    prevStateAndForm: () => { const f = new FormData(); f.append('a', 'b'); return [{ status: 'idle', message: '', fields: { a: '' } }, f]; },
    twoForms: () => { const f = new FormData(); f.append('a', 'b'); const g = new FormData(); g.append('c', 'd'); return [f, g]; },
    iterator: () => [new Set([1]).values()],
  };
  for (const [name, make] of Object.entries(cases)) {
    it(name, async () => {
      const { refusal, body } = await refusalFor(make());
      const shown = typeof body === 'string' ? body : JSON.stringify([...body.entries()].map(([k, v]) => [k, typeof v === 'string' ? v : 'FILE']));
      expect(refusal, shown).toBeNull();
    });
  }
});
