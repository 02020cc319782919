import 'server-only';

import busboy from 'next/dist/compiled/busboy';

import { ACTION_BODY_LIMIT } from './body-limits.mjs';
import type { Refusal } from './request-checks';
import { ACTION_ID, isApiPath } from './route-kinds.mjs';

/**
 * The body of a server action call, checked in proxy.ts before Next decodes it
 * (docs/decisions/015-every-request-through-the-proxy.md, 038-bounded-action-bodies.md). React's
 * decoder fails the whole request on malformed input (a reference to a part the body doesn't have, a
 * bad BigInt, text that isn't JSON), which Next turns into a 500, and it follows whatever nesting and
 * references it is given. What React's client never sends is a 400 here instead, decided within a
 * fixed budget: nesting depth, values visited, references followed and form fields are all bounded.
 *
 * A call's arguments are JSON in which strings starting with `$` are React's references. A plain
 * text body has no parts, so only self-contained values may appear (`$$…` escapes, Infinity, NaN,
 * undefined, dates, BigInts). A multipart body's root is field `0` (parts are named by decimal id, referenced in hex) (for a
 * form posted without JavaScript, the bound arguments of `$ACTION_REF_<n>` under `$ACTION_<n>:`); it
 * may point at a FormData argument (`$K<id>`) and at other parts holding JSON (`$<id>`, `$@<id>`,
 * `$Q`/`$W` maps and sets, `$i` iterators), which must exist and are checked the same way. Anything
 * else (server references, temporary references `$T`, streams, blobs, typed arrays) is refused: no
 * client of this app sends them, and an action that reads a temporary reference (`.length`, a string
 * method) throws, which Next answered with a 500.
 */

/** Far above anything this app's forms and calls send (a few fields, flat arguments), far below harm. */
export const ACTION_BODY_BOUNDS = {
  /** Arrays and objects inside one another, references followed included. */
  depth: 24,
  /** Values visited, a referenced part counted each time it is reached (so doubling references run out). */
  values: 5_000,
  /** `$` references followed. */
  references: 500,
  /** Fields of a multipart body. */
  fields: 200,
  /**
   * Array items and string characters visited, a referenced part counted each time it is reached.
   * React refuses a call past a million (its arraySizeLimit: "Maximum array nesting exceeded", a 500):
   * 40 references to one 30 KB string part passed every bound above (attack review).
   */
  slots: 200_000,
} as const;

const SELF_CONTAINED = /^\$(?:\$|Infinity$|-Infinity$|-0$|NaN$|undefined$|D|n-?\d+$)/;
const PART = /^\$([@QWi]?)([0-9a-f]{1,8})$/;
const FORM = /^\$K[0-9a-f]{1,8}$/;

const MALFORMED: Refusal = { status: 400, error: 'Malformed action request.' };
const TOO_COMPLEX: Refusal = { status: 400, error: 'Action request too complex.' };

/**
 * Whether Next may treat this request as a server action call: a POST to a page with a `Next-Action`
 * id (fetch from JavaScript) or a multipart form (posted without JavaScript: Next decodes any such
 * form looking for `$ACTION_ID_…` / `$ACTION_REF_…` fields).
 */
export function isActionPost(method: string, pathname: string, headers: Headers): boolean {
  if (method.toUpperCase() !== 'POST' || isApiPath(pathname)) return false;
  return headers.has('next-action') || isMultipart(headers);
}

/**
 * Whether Next reads the body as multipart: its own test, letter for letter (server-action-request-meta.js,
 * case-sensitive). `Multipart/form-data` read as a form here passed as a valid one, then Next decoded
 * its raw text as JSON and answered the SyntaxError with a 500 (attack review).
 */
function isMultipart(headers: Headers): boolean {
  return (headers.get('content-type') ?? '').startsWith('multipart/form-data');
}

class TooComplex extends Error {}

/**
 * References React builds a value from their part with: `$Q` new Map(part), `$W` new Set(part), `$i`
 * part[Symbol.iterator](), each from an array and at most once per part. A part of another shape
 * (`[1,2]` for a map, `5` for a set) or used twice threw there, which Next answered with a 500 (attack
 * review).
 */
const BUILT_FROM_PART = new Set(['Q', 'W', 'i']);

/** Whether React can build a `tag` reference from this part: an array, of entries for a map. */
function builds(tag: string, value: unknown): boolean {
  if (!BUILT_FROM_PART.has(tag)) return true;
  if (!Array.isArray(value)) return false;
  return tag !== 'Q' || value.every((entry) => Array.isArray(entry));
}

function parse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** A walk over one call's arguments with one budget; throws TooComplex once any bound is passed. */
class Walk {
  private values = 0;
  private slots = 0;
  private references = 0;
  private readonly parsed = new Map<number, { ok: true; value: unknown } | { ok: false }>();
  /** Parts a map, set or iterator has been built from. */
  private readonly built = new Set<number>();

  /**
   * `part`: a part's text by id (null for a text body, which has none). `arrivedBefore`: for a body Next
   * streams (a fetch action's multipart form), whether part `id` comes before the root in it.
   */
  constructor(
    private readonly part: ((id: number) => string | null) | null,
    private readonly arrivedBefore: ((id: number) => boolean) | null = null,
  ) {}

  /**
   * Whether every reference in `value` resolves; `path` holds the parts being read (a cycle is fine).
   * `eager`: React reads `value` the moment the root arrives (not behind a promise, `$@`), so every part
   * it needs must have arrived by then: one still to come was "Invalid forward reference", a 500.
   */
  resolves(value: unknown, depth: number, path: readonly number[], eager = true): boolean {
    if (++this.values > ACTION_BODY_BOUNDS.values || depth > ACTION_BODY_BOUNDS.depth) throw new TooComplex();
    if (typeof value === 'string' || Array.isArray(value)) {
      this.slots += value.length;
      if (this.slots > ACTION_BODY_BOUNDS.slots) throw new TooComplex();
    }
    if (typeof value === 'string') return this.reference(value, depth, path, eager);
    if (value === null || typeof value !== 'object') return true;
    for (const item of Array.isArray(value) ? value : Object.values(value)) {
      if (!this.resolves(item, depth + 1, path, eager)) return false;
    }
    return true;
  }

  private reference(value: string, depth: number, path: readonly number[], eager: boolean): boolean {
    if (!value.startsWith('$') || SELF_CONTAINED.test(value)) return true;
    if (!this.part) return false;
    if (++this.references > ACTION_BODY_BOUNDS.references) throw new TooComplex();
    if (FORM.test(value)) return true;
    const reference = PART.exec(value);
    if (!reference) return false;
    const tag = reference[1]!;
    const id = parseInt(reference[2]!, 16);
    // A promise's part is read when the action awaits it, once the whole body is in.
    const needed = eager && tag !== '@';
    if (needed && this.arrivedBefore && id !== 0 && !this.arrivedBefore(id)) return false;
    if (BUILT_FROM_PART.has(tag)) {
      // React builds one map, set or iterator per part ("Already initialized Map"), and never from a
      // part a cycle has not finished reading.
      if (this.built.has(id) || path.includes(id)) return false;
      this.built.add(id);
    } else if (path.includes(id)) {
      return true;
    }
    let parsed = this.parsed.get(id);
    if (!parsed) {
      const text = this.part(id);
      parsed = text === null ? { ok: false } : parse(text);
      this.parsed.set(id, parsed);
    }
    return parsed.ok && builds(tag, parsed.value) && this.resolves(parsed.value, depth + 1, [...path, id], needed);
  }
}

/**
 * Whether a root value decodes within the bounds: null, or the refusal. A call's root is its list of
 * arguments, always an array from React's client: Next applies the action to it, and any other root
 * (`"x"`, `1`, `null`, `"$undefined"`) threw a TypeError that Next answered with a 500 (attack review).
 */
function checkRoot(
  root: string | null,
  part: ((id: number) => string | null) | null,
  kind: 'arguments' | 'descriptor',
  arrivedBefore: ((id: number) => boolean) | null = null,
): Refusal | null {
  if (root === null) return MALFORMED;
  // JSON.parse itself is iterative; only the walk below could recurse, and it stops at the depth bound.
  const parsed = parse(root);
  if (!parsed.ok) return MALFORMED;
  if (kind === 'arguments' && !Array.isArray(parsed.value)) return MALFORMED;
  try {
    return new Walk(part, arrivedBefore).resolves(parsed.value, 0, [0]) ? null : MALFORMED;
  } catch (error) {
    if (error instanceof TooComplex) return TOO_COMPLEX;
    throw error;
  }
}

/** A form posted without JavaScript: React decodes only a `$ACTION_REF_<n>` form's bound arguments. */
function checkFormAction(form: FormData): Refusal | null {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : null;
  };
  const keys = [...form.keys()];
  for (const key of keys) {
    if (key.startsWith('$ACTION_ID_') && !ACTION_ID.test(key.slice('$ACTION_ID_'.length))) return { status: 400, error: 'Unknown action.' };
  }
  const references = keys.filter((key) => key.startsWith('$ACTION_REF_'));
  // Next accepts at most two (a form's action and a submit button's), and React decodes the last.
  if (references.length > 2) return MALFORMED;
  for (const key of references) {
    const prefix = `$ACTION_${key.slice('$ACTION_REF_'.length)}:`;
    const root = text(`${prefix}0`);
    const refusal = checkRoot(root, (id) => text(`${prefix}${id}`), 'descriptor');
    if (refusal) return refusal;
    const descriptor = parse(root!);
    const id = descriptor.ok && descriptor.value !== null && typeof descriptor.value === 'object' ? (descriptor.value as { id?: unknown }).id : undefined;
    if (typeof id !== 'string' || !ACTION_ID.test(id)) return { status: 400, error: 'Unknown action.' };
  }
  return null;
}

/**
 * A fetch action's multipart fields as Next reads them: with the same parser (busboy) and options
 * (action-handler.js), so each field is the text React decodes. The platform's FormData parser read
 * them otherwise: it drops a leading BOM and ignores a part's `charset`, which busboy honours, so a
 * part `0` that passed here reached React as text it could not parse (a 500). Null when busboy refuses
 * the body, or a file part is base64 (React throws on one).
 */
async function fetchActionFields(type: string, body: Buffer): Promise<{ get(name: string): string | null; arrivedBefore(a: string, b: string): boolean; count: number } | null> {
  // In body order (a Map keeps insertion order): React reads the root as soon as part 0 arrives.
  const fields = new Map<string, string>();
  let count = 0;
  let base64 = false;
  try {
    await new Promise<void>((resolve, reject) => {
      const parser = busboy({ headers: { 'content-type': type }, defParamCharset: 'utf8', limits: { fieldSize: ACTION_BODY_LIMIT } });
      parser.on('field', (name, value) => {
        count += 1;
        // React resolves a part with the first value of its name.
        if (!fields.has(name)) fields.set(name, value);
      });
      parser.on('file', (_name, stream, info) => {
        count += 1;
        if (info.encoding.toLowerCase() === 'base64') base64 = true;
        stream.resume();
      });
      parser.on('close', resolve);
      parser.on('error', reject);
      parser.end(body);
    });
  } catch {
    return null;
  }
  const order = new Map([...fields.keys()].map((name, index) => [name, index]));
  const arrivedBefore = (a: string, b: string) => (order.get(a) ?? Infinity) < (order.get(b) ?? -Infinity);
  return base64 ? null : { get: (name) => fields.get(name) ?? null, arrivedBefore, count };
}

/** Null when the call's body decodes within the bounds; a 400 otherwise. Only for isActionPost requests. */
export async function actionBodyRefusal(request: Request): Promise<Refusal | null> {
  if (isMultipart(request.headers) && !request.headers.has('next-action')) {
    // A form posted without JavaScript: Next parses it with the platform's FormData, as here.
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return MALFORMED;
    }
    if ([...form.keys()].length > ACTION_BODY_BOUNDS.fields) return TOO_COMPLEX;
    return checkFormAction(form);
  }
  let body: Buffer;
  try {
    body = Buffer.from(await request.arrayBuffer());
  } catch {
    return MALFORMED;
  }
  if (isMultipart(request.headers)) {
    const form = await fetchActionFields(request.headers.get('content-type')!, body);
    if (!form) return MALFORMED;
    if (form.count > ACTION_BODY_BOUNDS.fields) return TOO_COMPLEX;
    return checkRoot(form.get('0'), (id) => form.get(String(id)), 'arguments', (id) => form.arrivedBefore(String(id), '0'));
  }
  // As Next decodes it (Buffer#toString): a leading BOM stays, where Request#text() dropped it, and
  // React's JSON.parse then threw on it (a 500; attack review).
  return checkRoot(body.toString('utf-8'), null, 'arguments');
}
