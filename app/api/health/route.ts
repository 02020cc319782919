import { readHealth } from '@/lib/server/health';

/** Liveness plus this instance's counters; the benchmark diffs two readings. */
export async function GET(): Promise<Response> {
  return Response.json(await readHealth(), { headers: { 'cache-control': 'no-store' } });
}
