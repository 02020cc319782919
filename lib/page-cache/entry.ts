import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * What Next hands the response cache for a rendered App Router page, as far as Thali stores it, and
 * its JSON form in Redis (Buffers as base64). The shape is Next's `IncrementalCachedAppPageValue`
 * (next/dist/server/response-cache/types), which is not a public export; an entry that does not
 * parse is simply not served.
 */
export interface RenderedPage {
  kind: 'APP_PAGE';
  html: string;
  rscData: Buffer | undefined;
  headers: Record<string, string | string[] | number | undefined> | undefined;
  postponed: string | undefined;
  status: number | undefined;
  segmentData: Map<string, Buffer> | undefined;
}

/** A stored page: its id, the render, when it was stored, and the dependency values it was rendered at. */
export interface PageEntry {
  id: string;
  page: RenderedPage;
  storedAt: number;
  dependencies: (string | null)[];
}

interface StoredForm {
  v: 1;
  id: string;
  at: number;
  deps: (string | null)[];
  html: string;
  rsc: string | null;
  segments: [string, string][] | null;
  headers: RenderedPage['headers'] | null;
  status: number | null;
}

export function isRenderedPage(value: unknown): value is RenderedPage {
  if (typeof value !== 'object' || value === null) return false;
  const page = value as Partial<RenderedPage>;
  return page.kind === 'APP_PAGE' && typeof page.html === 'string' && page.postponed === undefined;
}

/**
 * What a decoded entry holds in memory, roughly (HTML as UTF-16, the payload's bytes): what the
 * process's copies are bounded by (local-copies.ts), not the far smaller stored form.
 */
export function decodedSize({ page }: PageEntry): number {
  let bytes = page.html.length * 2 + (page.rscData?.length ?? 0);
  for (const [path, data] of page.segmentData ?? []) bytes += path.length * 2 + data.length;
  return bytes;
}

/**
 * A page's HTML and payload compress 5-8 times (repeated class names and markup), and every stored
 * page takes Redis memory for its lifetime, so entries are gzipped; base64 keeps them text on every driver.
 */
export function encodeEntry(entry: PageEntry): string {
  return gzipSync(encodeJson(entry)).toString('base64');
}

export function decodeEntry(raw: string): PageEntry | null {
  let json: string;
  try {
    json = gunzipSync(Buffer.from(raw, 'base64')).toString('utf8');
  } catch {
    return null;
  }
  return decodeJson(json);
}

function encodeJson({ id, page, storedAt, dependencies }: PageEntry): string {
  const stored: StoredForm = {
    v: 1,
    id,
    at: storedAt,
    deps: dependencies,
    html: page.html,
    rsc: page.rscData ? page.rscData.toString('base64') : null,
    segments: page.segmentData ? [...page.segmentData].map(([path, data]) => [path, data.toString('base64')]) : null,
    headers: page.headers ?? null,
    status: page.status ?? null,
  };
  return JSON.stringify(stored);
}

function decodeJson(raw: string): PageEntry | null {
  let stored: StoredForm;
  try {
    stored = JSON.parse(raw) as StoredForm;
  } catch {
    return null;
  }
  if (stored?.v !== 1 || typeof stored.id !== 'string' || typeof stored.html !== 'string' || !Array.isArray(stored.deps) || typeof stored.at !== 'number') {
    return null;
  }
  return {
    id: stored.id,
    storedAt: stored.at,
    dependencies: stored.deps,
    page: {
      kind: 'APP_PAGE',
      html: stored.html,
      rscData: stored.rsc === null ? undefined : Buffer.from(stored.rsc, 'base64'),
      segmentData: stored.segments === null ? undefined : new Map(stored.segments.map(([path, data]) => [path, Buffer.from(data, 'base64')])),
      headers: stored.headers ?? undefined,
      status: stored.status ?? undefined,
      postponed: undefined,
    },
  };
}
