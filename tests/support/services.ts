import net from 'node:net';

/**
 * Where the integration suites find the real services. On a machine without them the suites say so
 * and are skipped; under CI=true a missing service fails the run instead (see tests/global-setup.ts).
 */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

/** Whether anything listens at the URL's address (quietly: a store would log its retries). */
export function portOpen(url: string, fallbackPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || fallbackPort) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export const redisAvailable = () => portOpen(TEST_REDIS_URL, 6379);
export const postgresAvailable = () => portOpen(TEST_POSTGRES_URL, 5432);

/** Reason printed when a suite is skipped for want of a service. */
export function missing(service: string): string {
  return `${service} is not reachable: skipping its integration suite (CI=true makes this a failure)`;
}

/** A key prefix unique to one test run, so suites never touch each other's keys on a shared Redis. */
export function uniquePrefix(label: string): string {
  return `test:${label}:${process.pid}:${Math.random().toString(36).slice(2, 8)}:`;
}
