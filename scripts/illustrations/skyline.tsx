import { r1, seededRng, type Rng } from '@/lib/illustrations/seeded-random';

/**
 * A generated skyline for a city card: sky, sun, two rows of buildings, some with domes or
 * spires. Everything follows from the seed (the city slug). Decorative only. Rendered to static files
 * by generate.ts (one per seeded city, and a default), so the home page sends none of it inline.
 */

const SKIES = [
  { top: '#ffd9b8', bottom: '#fff3e6', sun: '#fc8019', far: '#f0b48c', near: '#8f3b00' },
  { top: '#cfe6f5', bottom: '#f2f8fc', sun: '#f6b53d', far: '#9cc3dc', near: '#24506e' },
  { top: '#f4c7d6', bottom: '#fff0f4', sun: '#e8577a', far: '#dea1b6', near: '#6a2140' },
  { top: '#d8ecd3', bottom: '#f4faf1', sun: '#e0a526', far: '#a9cfa0', near: '#2d5a2a' },
  { top: '#e2d7f3', bottom: '#f7f2fd', sun: '#f08a4b', far: '#bba8dc', near: '#3f2a6b' },
];

const WIDTH = 400;
const HEIGHT = 170;
const GROUND = 150;

type Roof = 'flat' | 'dome' | 'spire' | 'steps';

interface Building {
  x: number;
  width: number;
  height: number;
  roof: Roof;
}

function buildings(rng: Rng, minHeight: number, maxHeight: number): Building[] {
  const list: Building[] = [];
  let x = rng.range(-20, 0);
  while (x < WIDTH) {
    const width = rng.range(26, 58);
    list.push({ x, width, height: rng.range(minHeight, maxHeight), roof: rng.pick<Roof>(['flat', 'flat', 'dome', 'spire', 'steps']) });
    x += width + rng.range(-6, 6);
  }
  return list;
}

function roofPath({ x, width, height, roof }: Building): string {
  const top = GROUND - height;
  const left = r1(x);
  const right = r1(x + width);
  const mid = r1(x + width / 2);
  switch (roof) {
    case 'dome': {
      const radius = r1(width * 0.32);
      return `M${left} ${GROUND}V${r1(top)}H${r1(mid - radius)}A${radius} ${radius} 0 0 1 ${r1(mid + radius)} ${r1(top)}H${right}V${GROUND}Z`;
    }
    case 'spire':
      return `M${left} ${GROUND}V${r1(top)}H${r1(mid - 5)}L${mid} ${r1(top - 22)}L${r1(mid + 5)} ${r1(top)}H${right}V${GROUND}Z`;
    case 'steps':
      return `M${left} ${GROUND}V${r1(top)}H${r1(x + width * 0.2)}V${r1(top - 10)}H${r1(x + width * 0.8)}V${r1(top)}H${right}V${GROUND}Z`;
    case 'flat':
      return `M${left} ${GROUND}V${r1(top)}H${right}V${GROUND}Z`;
  }
}

function Windows({ building, rng, colour }: { building: Building; rng: Rng; colour: string }) {
  const cells: { x: number; y: number }[] = [];
  const columns = Math.max(1, Math.floor((building.width - 8) / 10));
  const rows = Math.max(1, Math.floor((building.height - 14) / 14));
  const offset = (building.width - columns * 10) / 2 + 2;
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      if (rng.next() < 0.55) cells.push({ x: r1(building.x + offset + column * 10), y: r1(GROUND - building.height + 10 + row * 14) });
    }
  }
  return (
    <g fill={colour} opacity="0.55">
      {cells.map((cell, i) => (
        <rect key={i} x={cell.x} y={cell.y} width="5" height="7" rx="1" />
      ))}
    </g>
  );
}

export function CitySkyline({ seed, className }: { seed: string; className?: string }) {
  const rng = seededRng(`city:${seed}`);
  const sky = rng.pick(SKIES);
  const far = buildings(rng, 40, 95);
  const near = buildings(rng, 25, 70);
  const sunX = r1(rng.range(60, 340));
  const sunY = r1(rng.range(38, 60));
  const gradientId = `sky-${seed}`;

  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="xMidYMax slice" className={className} aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id={gradientId} x1="0" y1="0" x2="0" y2="1">
          <stop offset="0" stopColor={sky.top} />
          <stop offset="1" stopColor={sky.bottom} />
        </linearGradient>
      </defs>
      <rect width={WIDTH} height={HEIGHT} fill={`url(#${gradientId})`} />
      <circle cx={sunX} cy={sunY} r="22" fill={sky.sun} opacity="0.9" />
      <g fill={sky.far}>
        {far.map((building, i) => (
          <path key={i} d={roofPath(building)} />
        ))}
      </g>
      <g fill={sky.near}>
        {near.map((building, i) => (
          <path key={i} d={roofPath(building)} />
        ))}
      </g>
      {near.map((building, i) => (
        <Windows key={i} building={building} rng={rng} colour={sky.bottom} />
      ))}
      <rect y={GROUND} width={WIDTH} height={HEIGHT - GROUND} fill={sky.near} />
    </svg>
  );
}
