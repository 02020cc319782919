/**
 * The drawing kit every illustration is made from, so they share one look: a pale round backdrop,
 * flat colours from one palette, and the same dark, rounded outline. Coordinates are on a 160 × 160
 * canvas. Output is plain SVG text (scripts/illustrations/generate.ts writes the files).
 */

export const INK = '#3d2b1f';

export const C = {
  rice: '#fffaf0',
  cream: '#fff1d6',
  saffron: '#f4a52a',
  turmeric: '#f2c14e',
  curry: '#e0702f',
  gravy: '#c9502a',
  chili: '#c8352a',
  tomato: '#e25a45',
  green: '#6aa84f',
  leaf: '#3f7f2c',
  banana: '#4e9a3a',
  brown: '#9a5a2b',
  darkBrown: '#6b3b22',
  dough: '#f0c77e',
  crust: '#d9913f',
  char: '#8a4b22',
  plate: '#f7f4ef',
  rim: '#dcd4c8',
  steel: '#cfd5db',
  steelDark: '#a9b1ba',
  cheese: '#f7d35c',
  pink: '#f4a7b5',
  milk: '#fbf6ee',
  coffee: '#7a4a2a',
  syrup: '#e9a23b',
  sky: '#8fbde8',
  white: '#ffffff',
  red: '#d8452f',
  yellow: '#f9d24a',
  purple: '#8e5aa8',
} as const;

/** Pale backdrops, one per family of dishes. */
export const BACKDROP = {
  orange: '#fde6cc',
  yellow: '#fdf0c4',
  green: '#e3f0d6',
  red: '#fcdcd7',
  blue: '#dfeaf8',
  pink: '#fbe0e6',
  brown: '#f1e2d3',
  teal: '#d9efec',
} as const;

type Attrs = Record<string, string | number | undefined>;

function attrs(values: Attrs): string {
  return Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}="${typeof value === 'number' ? round(value) : value}"`)
    .join(' ');
}

const round = (n: number) => String(Math.round(n * 10) / 10);

/** Outlined unless told otherwise; `stroke: 'none'` for flat detail. */
const outlined = (a: Attrs): Attrs => ({ stroke: INK, 'stroke-width': 3, ...a });

export const circle = (cx: number, cy: number, r: number, fill: string, a: Attrs = {}) => `<circle ${attrs(outlined({ cx, cy, r, fill, ...a }))}/>`;
export const ellipse = (cx: number, cy: number, rx: number, ry: number, fill: string, a: Attrs = {}) =>
  `<ellipse ${attrs(outlined({ cx, cy, rx, ry, fill, ...a }))}/>`;
export const rect = (x: number, y: number, width: number, height: number, rx: number, fill: string, a: Attrs = {}) =>
  `<rect ${attrs(outlined({ x, y, width, height, rx, fill, ...a }))}/>`;
export const path = (d: string, fill: string, a: Attrs = {}) => `<path ${attrs(outlined({ d, fill, ...a }))}/>`;
/** A stroke only (steam, noodles, stripes). */
export const line = (d: string, stroke: string = INK, width = 3) => `<path ${attrs({ d, fill: 'none', stroke, 'stroke-width': width })}/>`;
/** Flat dots of one colour, no outline (seeds, garnish, spots). */
export const dots = (points: readonly (readonly [number, number])[], r: number, fill: string) =>
  points.map(([cx, cy]) => `<circle ${attrs({ cx, cy, r, fill })}/>`).join('');
export const group = (content: string, a: Attrs = {}) => `<g ${attrs(a)}>${content}</g>`;

/** Wavy steam rising from (x, y). */
export const steam = (x: number, y: number) =>
  [0, 12].map((dx) => line(`M${x + dx} ${y} c-5 -6 5 -10 0 -16 c-5 -6 5 -10 0 -16`, INK, 2.5)).join('');

/** A small leaf (coriander, mint, curry leaf) at (x, y), turned by `deg`. */
export const leaf = (x: number, y: number, deg = 0, fill: string = C.green) =>
  path(`M0 0 q6 -7 14 0 q-8 7 -14 0z`, fill, { 'stroke-width': 2, transform: `translate(${x} ${y}) rotate(${deg})` });

/** A plate seen from above at a slant: rim and well. */
export const plate = (cx: number, cy: number, rx: number, ry: number) =>
  ellipse(cx, cy, rx, ry, C.plate) + ellipse(cx, cy, rx * 0.78, ry * 0.72, C.rim, { stroke: 'none', opacity: 0.45 });

/** A bowl at a slant: the body below, its contents (`food`) as the top ellipse. */
export function bowl(cx: number, cy: number, rx: number, depth: number, body: string, food: string): string {
  const ry = rx * 0.32;
  return (
    path(`M${cx - rx} ${cy} a${rx} ${depth} 0 0 0 ${rx * 2} 0z`, body) +
    ellipse(cx, cy, rx, ry, body) +
    ellipse(cx, cy, rx - 5, ry - 3.5, food, { 'stroke-width': 2 })
  );
}

/** The canvas: a round backdrop behind the art. */
export function svg(backdrop: string, art: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 160" width="160" height="160" aria-hidden="true">` +
    `<circle cx="80" cy="80" r="78" fill="${backdrop}"/>` +
    `<g stroke-linecap="round" stroke-linejoin="round">${art}</g></svg>\n`
  );
}
