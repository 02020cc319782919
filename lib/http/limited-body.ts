export type LimitedBody = { ok: true; bytes: Buffer } | { ok: false; reason: 'too-large' };

/**
 * A request body, refused as soon as it is known to be larger than `maxBytes`: from its declared
 * Content-Length before reading anything, otherwise while streaming, so no more than the limit is
 * ever held. (With a proxy, Next buffers up to `experimental.proxyClientMaxBodySize` first; see
 * next.config.ts.)
 */
export async function readBodyWithin(request: Request, maxBytes: number): Promise<LimitedBody> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, reason: 'too-large' };
  if (!request.body) return { ok: true, bytes: Buffer.alloc(0) };

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return { ok: false, reason: 'too-large' };
    }
    chunks.push(value);
  }
  return { ok: true, bytes: Buffer.concat(chunks, total) };
}
