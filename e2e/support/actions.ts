import fs from 'node:fs';

import { requestFrom, type PlainResponse } from './loopback';

/**
 * Server actions called as an attacker's script would: the POST a browser sends, built by hand. Ids
 * come from the build the servers run (.next/server/server-reference-manifest.json).
 */

interface Manifest {
  node: Record<string, { workers: Record<string, unknown>; exportedName?: string }>;
}

/** The id of the action exported as `name` by the page `page` (e.g. `app/login/page`). */
export function actionId(name: string, page: string): string {
  const manifest = JSON.parse(fs.readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as Manifest;
  const found = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === name && page in entry.workers);
  if (!found) throw new Error(`no server action ${name} on ${page} in this build`);
  return found[0];
}

export interface ActionCall {
  /** The server's base URL; the request's Origin is the same. */
  base: string;
  /** The page the action is posted to, e.g. /login. */
  path: string;
  id: string;
  /** Arguments as JSON (sent as text/plain), or a form: `formArgs` before it, then the fields. */
  args?: unknown[];
  form?: Record<string, string>;
  formArgs?: unknown[];
  from: string;
  headers?: Record<string, string>;
}

/**
 * Posts one action call from a loopback address of the caller's choosing. A form is encoded as
 * React does: its fields prefixed `_<n>_`, then field `0` with the arguments, the form as `$K<n>`.
 */
export function callAction(call: ActionCall): Promise<PlainResponse> {
  const headers: Record<string, string> = { Origin: call.base, Accept: 'text/x-component', 'Next-Action': call.id, ...call.headers };
  let body: string;
  if (call.form) {
    const boundary = `----thali${Math.random().toString(16).slice(2)}`;
    const index = (call.formArgs ?? []).length;
    const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    body =
      Object.entries(call.form).map(([name, value]) => part(`_${index}_${name}`, value)).join('') +
      part('0', JSON.stringify([...(call.formArgs ?? []), `$K${index}`])) +
      `--${boundary}--\r\n`;
    headers['Content-Type'] = `multipart/form-data; boundary=${boundary}`;
  } else {
    body = JSON.stringify(call.args ?? []);
    headers['Content-Type'] = 'text/plain;charset=UTF-8';
  }
  headers['Content-Length'] = String(Buffer.byteLength(body));
  return requestFrom(call.from, `${call.base}${call.path}`, { method: 'POST', headers, body });
}

/** The value an action answered (the RSC payload's row 1), parsed. */
export function actionResult<T>(response: PlainResponse): T {
  const row = response.body.split('\n').find((line) => line.startsWith('1:'));
  if (!row) throw new Error(`no action result in a ${response.status} answer: ${response.body.slice(0, 200)}`);
  return JSON.parse(row.slice(2)) as T;
}

/** `name=value` pairs a response set, as one Cookie header (later ones win). */
export function cookiesFrom(response: PlainResponse, previous = ''): string {
  const jar = new Map(previous ? previous.split('; ').map((pair) => pair.split('=', 2) as [string, string]) : []);
  for (const header of response.headers['set-cookie'] ?? []) {
    const [pair] = header.split(';');
    const separator = pair!.indexOf('=');
    jar.set(pair!.slice(0, separator), pair!.slice(separator + 1));
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}
