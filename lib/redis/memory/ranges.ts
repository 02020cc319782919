import { integerArgument } from './errors';

/**
 * LRANGE/ZRANGE index rules: negative indexes count from the end, out-of-range ends are clamped, and
 * an empty window is null. Returns inclusive [first, last].
 */
export function rankWindow(start: number, stop: number, length: number): [number, number] | null {
  let first = integerArgument(start);
  let last = integerArgument(stop);
  if (first < 0) first += length;
  if (last < 0) last += length;
  if (first < 0) first = 0;
  if (first > last || first >= length) return null;
  if (last >= length) last = length - 1;
  return [first, last];
}

/**
 * Orders strings by their UTF-8 bytes, as Redis's memcmp does. JavaScript's `<` compares UTF-16 code
 * units, which puts characters above U+FFFF (surrogate pairs) before U+E000–U+FFFF; byte order is code
 * point order, so only that case needs correcting.
 */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  const shorter = Math.min(a.length, b.length);
  for (let i = 0; i < shorter; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xSurrogate = x >= 0xd800 && x <= 0xdfff;
    const ySurrogate = y >= 0xd800 && y <= 0xdfff;
    if (xSurrogate !== ySurrogate) return xSurrogate ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}
