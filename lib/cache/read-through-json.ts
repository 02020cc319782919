import 'server-only';

import { readEntry, readThrough, recordLookup, type ReadThroughSpec } from './read-through';
import type { Cached } from './types';

/** How read-through.ts writes an entry: `{"generation":"<token>","value":<the value's JSON>}`. */
const ENTRY_HEAD = /^\{"generation":"([A-Za-z0-9_-]+)","value":/;

/**
 * readThrough for an API that answers the value as JSON: on a HIT it returns the value's JSON text as
 * stored, cut out of the entry after checking its generation, so a warm request neither parses nor
 * re-serializes it (half of a warm menu API request's work, measured). A miss, or an entry it can't
 * cut, goes through readThrough from the same read (Postgres, lease, generations) and is serialized once.
 */
export async function readThroughJson<T>(spec: ReadThroughSpec<T>): Promise<Cached<string | null>> {
  const started = performance.now();
  const read = await readEntry(spec);
  const [generation = null, raw = null] = read.ok ? read.value : [];
  const head = raw === null ? null : ENTRY_HEAD.exec(raw);
  // A spec that checks the stored value's shape (isValue) needs it parsed: readThrough below does that.
  if (generation !== null && head?.[1] === generation && raw!.endsWith('}') && !spec.isValue) {
    recordLookup(spec.key, 'HIT', false);
    return { value: raw!.slice(head[0].length, -1), cache: { status: 'HIT', ms: performance.now() - started, degraded: false } };
  }
  const { value, cache } = await readThrough(spec, read);
  return { value: value === null ? null : JSON.stringify(value), cache: { ...cache, ms: performance.now() - started } };
}
