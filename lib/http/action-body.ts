import 'server-only';

import type { Refusal } from './request-checks';

/**
 * The body of a server action call, checked in proxy.ts before Next decodes it: React's decoder
 * answers malformed input (a value that points at a part the body doesn't have, a bad BigInt, text
 * that isn't JSON) by failing the whole request, which Next turns into a 500. What React's client
 * never sends is a 400 here instead (docs/decisions/015-every-request-through-the-proxy.md).
 *
 * A call's arguments are JSON in which strings starting with `$` are React's references. A plain
 * text body has no parts, so only self-contained values may appear (`$$…` escapes, Infinity, NaN,
 * undefined, dates, BigInts, temporary references). A multipart body's root is field `0`; it may
 * also point at a FormData argument (`$K<id>`, whose fields are `_<id>_<name>`) and at other parts
 * holding JSON (`$<id>`, `$@<id>`, `$Q`/`$W` maps and sets, `$i` iterators), which must exist and are
 * checked the same way. Anything else (server references, streams, blobs, typed arrays) is refused:
 * no client of this app sends them.
 */

const SELF_CONTAINED = /^\$(?:\$|Infinity$|-Infinity$|-0$|NaN$|undefined$|D|n-?\d+$|T$)/;
const PART = /^\$([@QWi]?)([0-9a-f]+)$/;
const FORM = /^\$K[0-9a-f]+$/;

const MALFORMED: Refusal = { status: 400, error: 'Malformed action request.' };

function parse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Whether every reference in `value` resolves; `part(id)` gives a part's text, or null. */
function resolves(value: unknown, part: ((id: number) => string | null) | null, seen: Set<number>): boolean {
  if (typeof value === 'string') {
    if (!value.startsWith('$') || SELF_CONTAINED.test(value)) return true;
    if (!part) return false;
    if (FORM.test(value)) return true;
    const reference = PART.exec(value);
    if (!reference) return false;
    const id = parseInt(reference[2]!, 16);
    if (seen.has(id)) return true;
    const text = part(id);
    if (text === null) return false;
    const parsed = parse(text);
    return parsed.ok && resolves(parsed.value, part, new Set([...seen, id]));
  }
  if (Array.isArray(value)) return value.every((item) => resolves(item, part, seen));
  if (value !== null && typeof value === 'object') return Object.values(value).every((item) => resolves(item, part, seen));
  return true;
}

/** Null when the call's body decodes; a 400 otherwise. Only for requests carrying a `Next-Action` id. */
export async function actionBodyRefusal(request: Request): Promise<Refusal | null> {
  const type = request.headers.get('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return MALFORMED;
    }
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value : null;
    };
    const root = text('0');
    const parsed = root === null ? { ok: false as const } : parse(root);
    return parsed.ok && resolves(parsed.value, (id) => text(String(id)), new Set([0])) ? null : MALFORMED;
  }
  const parsed = parse(await request.text());
  return parsed.ok && resolves(parsed.value, null, new Set()) ? null : MALFORMED;
}
