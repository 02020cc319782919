import { hashString, r1, seededRng, type Rng } from '@/lib/illustrations/seeded-random';

/**
 * A generated top-down thali for a restaurant: background colour, pattern, bowls and their
 * fillings all follow from the seed (the restaurant slug), so a restaurant always looks the same.
 * Purely decorative: the restaurant name is always shown next to it.
 */

const BACKDROPS = ['#e46f12', '#2f7d5b', '#b83b5e', '#3d5a98', '#c98a12', '#7a4a9e', '#1f7a8c', '#c2502f', '#5c7a2e'];
const FILLINGS = ['#f2b33d', '#4f9a3a', '#d9472b', '#f4efe4', '#9a4b1e', '#e8772e', '#8e2d55', '#c98a3a'];
const PATTERNS = ['dots', 'stripes', 'rings', 'checks'] as const;
type Pattern = (typeof PATTERNS)[number];

interface Layout {
  width: number;
  height: number;
  cx: number;
  cy: number;
  plate: number;
}

const LAYOUTS: Record<'card' | 'banner', Layout> = {
  card: { width: 400, height: 250, cx: 200, cy: 128, plate: 104 },
  banner: { width: 960, height: 240, cx: 745, cy: 120, plate: 100 },
};

function PatternDef({ id, kind }: { id: string; kind: Pattern }) {
  const common = { id, patternUnits: 'userSpaceOnUse' as const };
  switch (kind) {
    case 'dots':
      return (
        <pattern {...common} width="22" height="22">
          <circle cx="11" cy="11" r="2.2" fill="#fff" />
        </pattern>
      );
    case 'stripes':
      return (
        <pattern {...common} width="18" height="18" patternTransform="rotate(35)">
          <rect width="7" height="18" fill="#fff" />
        </pattern>
      );
    case 'rings':
      return (
        <pattern {...common} width="48" height="48">
          <circle cx="24" cy="24" r="14" fill="none" stroke="#fff" strokeWidth="3" />
        </pattern>
      );
    case 'checks':
      return (
        <pattern {...common} width="32" height="32">
          <rect width="16" height="16" fill="#fff" />
          <rect x="16" y="16" width="16" height="16" fill="#fff" />
        </pattern>
      );
  }
}

function Bowl({ x, y, radius, fill, rng }: { x: number; y: number; radius: number; fill: string; rng: Rng }) {
  const garnish = fill === '#f4efe4' ? '#4f9a3a' : rng.pick(['#3f7f2c', '#fff4d6', '#6b2a10']);
  const specks = Array.from({ length: 4 }, () => {
    const angle = rng.range(0, Math.PI * 2);
    const distance = rng.range(0, radius * 0.55);
    return { x: r1(x + Math.cos(angle) * distance), y: r1(y + Math.sin(angle) * distance), r: r1(rng.range(1.4, 2.6)) };
  });
  return (
    <g>
      <circle cx={r1(x + 2)} cy={r1(y + 4)} r={radius} fill="#000" opacity="0.12" />
      <circle cx={r1(x)} cy={r1(y)} r={radius} fill="#d9d4cc" />
      <circle cx={r1(x)} cy={r1(y)} r={r1(radius - 4)} fill={fill} />
      {specks.map((speck, i) => (
        <circle key={i} cx={speck.x} cy={speck.y} r={speck.r} fill={garnish} opacity="0.85" />
      ))}
      <ellipse cx={r1(x - radius * 0.35)} cy={r1(y - radius * 0.4)} rx={r1(radius * 0.3)} ry={r1(radius * 0.14)} fill="#fff" opacity="0.35" />
    </g>
  );
}

function Rice({ x, y, radius, rng }: { x: number; y: number; radius: number; rng: Rng }) {
  const grains = Array.from({ length: 14 }, () => {
    const angle = rng.range(0, Math.PI * 2);
    const distance = rng.range(0, radius * 0.75);
    return { x: r1(x + Math.cos(angle) * distance), y: r1(y + Math.sin(angle) * distance), rotate: Math.round(rng.range(0, 180)) };
  });
  return (
    <g>
      <circle cx={x} cy={y} r={radius} fill="#fffdf6" />
      {grains.map((grain, i) => (
        <ellipse key={i} cx={grain.x} cy={grain.y} rx="3.4" ry="1.3" fill="#e9e1cf" transform={`rotate(${grain.rotate} ${grain.x} ${grain.y})`} />
      ))}
    </g>
  );
}

function Roti({ x, y, radius, rng }: { x: number; y: number; radius: number; rng: Rng }) {
  const spots = Array.from({ length: 7 }, () => {
    const angle = rng.range(0, Math.PI * 2);
    const distance = rng.range(0, radius * 0.8);
    return { x: r1(x + Math.cos(angle) * distance), y: r1(y + Math.sin(angle) * distance), r: r1(rng.range(1.5, 3.5)) };
  });
  return (
    <g>
      <circle cx={r1(x)} cy={r1(y)} r={radius} fill="#e7c58a" />
      {spots.map((spot, i) => (
        <circle key={i} cx={spot.x} cy={spot.y} r={spot.r} fill="#a4692f" opacity="0.6" />
      ))}
    </g>
  );
}

export function RestaurantArt({
  seed,
  variant = 'card',
  className,
}: {
  seed: string;
  variant?: 'card' | 'banner';
  className?: string;
}) {
  const rng = seededRng(seed);
  const { width, height, cx, cy, plate } = LAYOUTS[variant];
  const backdrop = rng.pick(BACKDROPS);
  const pattern = rng.pick(PATTERNS);
  const patternId = `art-${hashString(seed).toString(36)}-${pattern}`;

  const bowlCount = rng.int(3, 5);
  const start = rng.range(0, Math.PI * 2);
  const bowlRadius = plate * (bowlCount === 5 ? 0.23 : 0.26);
  const ring = plate * 0.6;
  const fillings = rng.shuffle(FILLINGS).slice(0, bowlCount);
  const bowls = fillings.map((fill, i) => {
    const angle = start + (i / bowlCount) * Math.PI * 2;
    return { x: cx + Math.cos(angle) * ring, y: cy + Math.sin(angle) * ring, fill };
  });
  const rotiAngle = start + Math.PI / bowlCount;
  const hasRoti = rng.next() < 0.6;

  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio={variant === 'banner' ? 'xMaxYMid slice' : 'xMidYMid slice'}
      className={className}
      aria-hidden="true"
      focusable="false"
    >
      <defs>
        <PatternDef id={patternId} kind={pattern} />
      </defs>
      <rect width={width} height={height} fill={backdrop} />
      <rect width={width} height={height} fill={`url(#${patternId})`} opacity="0.13" />
      {hasRoti ? (
        <Roti
          x={cx + Math.cos(rotiAngle) * plate * 0.95}
          y={cy + Math.sin(rotiAngle) * plate * 0.95}
          radius={plate * 0.34}
          rng={rng}
        />
      ) : null}
      <circle cx={cx + 4} cy={cy + 7} r={plate} fill="#000" opacity="0.18" />
      <circle cx={cx} cy={cy} r={plate} fill="#cfcac3" />
      <circle cx={cx} cy={cy} r={plate * 0.92} fill="#f1eee9" />
      <circle cx={cx} cy={cy} r={plate * 0.92} fill="none" stroke="#fff" strokeWidth="2" opacity="0.7" />
      {bowls.map((bowl, i) => (
        <Bowl key={i} x={bowl.x} y={bowl.y} radius={r1(bowlRadius)} fill={bowl.fill} rng={rng} />
      ))}
      <Rice x={cx} y={cy} radius={r1(plate * 0.27)} rng={rng} />
    </svg>
  );
}
