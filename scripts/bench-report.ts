// What `npm run bench` prints and writes: the table, docs/bench/results.json and docs/bench/chart.svg.
import fs from 'node:fs';
import path from 'node:path';

export interface Row {
  scenario: string;
  rps: number;
  p50: number;
  /** p50 with one connection: one visitor at a time, the server not saturated. */
  p50Alone?: number;
  /** Req/s of the floor this row is compared with, and which floor. */
  floor?: { name: string; rps: number };
  redisPerRequest?: number;
  /** The same at BENCH_CONNECTIONS: concurrent requests share reads (docs/decisions/050). */
  redisPerRequestLoaded?: number;
  pgPerRequest?: number;
  bytes?: number;
}

const ROOT = path.resolve(import.meta.dirname, '..');
const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;

export function printTable(rows: Row[]): void {
  console.table(
    rows.map((row) => ({
      scenario: row.scenario,
      'req/s': round(row.rps),
      'p50 ms': row.p50,
      'p50 ms, 1 conn': row.p50Alone ?? '',
      floor: row.floor ? `${row.floor.name} ${round(row.floor.rps)}` : '',
      ratio: row.floor ? round(row.rps / row.floor.rps, 2) : '',
      'redis/req': row.redisPerRequest ?? '',
      'redis/req, loaded': row.redisPerRequestLoaded ?? '',
      'pg/req': row.pgPerRequest ?? '',
      bytes: row.bytes ?? '',
    })),
  );
}

/** `signedIn`: Redis commands per request of a signed-in customer with a cart, by scenario. */
export function writeResults(result: { rows: Row[]; signedIn: Record<string, number>; delay: Row[]; settings: Record<string, unknown> }): void {
  const dir = path.join(ROOT, 'docs/bench');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'results.json'), `${JSON.stringify(result, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, 'chart.svg'), chart(result.rows));
}

/** One bar per compared row: its req/s as a share of its floor's, with the 0.85 / 0.95 targets marked. */
function chart(rows: Row[]): string {
  const compared = rows.filter((row) => row.floor);
  const width = 720;
  const left = 300;
  const barWidth = width - left - 60;
  const height = 40 + compared.length * 28;
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const bars = compared.map((row, index) => {
    const ratio = row.rps / row.floor!.rps;
    const y = 30 + index * 28;
    const fill = ratio >= 0.85 ? '#2f7d5b' : '#e46f12';
    return (
      `<text x="${left - 8}" y="${y + 14}" text-anchor="end">${escape(`${row.scenario} vs ${row.floor!.name}`)}</text>` +
      `<rect x="${left}" y="${y}" width="${round(Math.min(ratio, 1.2) * (barWidth / 1.2), 1)}" height="18" fill="${fill}"/>` +
      `<text x="${left + round(Math.min(ratio, 1.2) * (barWidth / 1.2), 1) + 6}" y="${y + 14}">${round(ratio, 2)}</text>`
    );
  });
  const mark = (ratio: number) => {
    const x = round(left + ratio * (barWidth / 1.2), 1);
    return `<line x1="${x}" y1="22" x2="${x}" y2="${height - 6}" stroke="#888" stroke-dasharray="3 3"/><text x="${x}" y="16" text-anchor="middle">${ratio}</text>`;
  };
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">` +
    `<rect width="${width}" height="${height}" fill="#fff"/>${mark(0.85)}${mark(1)}${bars.join('')}</svg>\n`
  );
}
