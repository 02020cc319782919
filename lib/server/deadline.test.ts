import net from 'node:net';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { TransactionDeadlineError } from '@/db/deadline-outcome';
import { onAQuietMoment } from '@/tests/support/quiet-moment';

import { DeadlineError, isStarvedTimeout, MAX_EXTENSIONS, valueWithin, withDeadline } from './deadline';

/** Keeps the event loop busy for `ms`, as a long render does. */
function block(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // Spinning.
  }
}

const never = () => new Promise<never>(() => {});

describe('withDeadline', () => {
  // An echo server: a real socket reply, read only when the event loop polls for I/O.
  let server: net.Server;
  let port: number;
  beforeAll(async () => {
    server = net.createServer((socket) => socket.on('data', (data) => socket.write(data)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Sends a line and resolves with the echo. */
  async function echo(): Promise<{ reply: Promise<string>; socket: net.Socket }> {
    const socket = net.connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    const reply = new Promise<string>((resolve) => socket.once('data', (data) => resolve(data.toString())));
    socket.write('ping');
    return { reply, socket };
  }

  it('passes the answer through when it comes in time', async () => {
    await expect(withDeadline(Promise.resolve('ok'), 50, 'test')).resolves.toBe('ok');
    await expect(withDeadline(Promise.reject(new Error('refused')), 50, 'test')).rejects.toThrow('refused');
  });

  it('expires on time, not starved, when nothing answers and the loop is free', async () => {
    const { error, elapsed } = await onAQuietMoment(
      async () => {
        const started = performance.now();
        const caught = await withDeadline(never(), 40, 'Redis GET').catch((reason: unknown) => reason);
        return { error: caught, elapsed: performance.now() - started };
      },
      ({ error: caught }) => isStarvedTimeout(caught),
    );
    expect(error).toBeInstanceOf(DeadlineError);
    expect(error).toMatchObject({ starved: false, message: 'Redis GET timed out after 40 ms' });
    expect(isStarvedTimeout(error)).toBe(false);
    expect(elapsed).toBeGreaterThanOrEqual(39);
  });

  it('takes a reply that arrived while the loop was too busy to read it', async () => {
    const { reply, socket } = await echo();
    const answer = withDeadline(reply, 30, 'echo');
    // The echo arrives within a millisecond, but the loop is busy far past the deadline.
    block(150);
    await expect(answer).resolves.toBe('ping');
    socket.destroy();
  });

  it('takes a long budget whose timer fired a little late, its loop free, as expired on time', async () => {
    // Fault review: on a machine loaded by neighbours an idle process's timers fire 20-80 ms late. A
    // Postgres deadline of seconds was extended for that and its expiry marked starved, so a frozen
    // server was never taken as silent: an uncached page waited 6-23 s instead of one deadline (3 s).
    const answer = withDeadline(never(), 1_000, 'Postgres query').catch((caught: unknown) => caught);
    await new Promise((resolve) => setTimeout(resolve, 960));
    // The deadline's timer fires about 40 ms late; the loop was busy for under a tenth of the window.
    block(80);
    const error = await answer;
    expect(error).toBeInstanceOf(DeadlineError);
    expect(isStarvedTimeout(error)).toBe(false);
  });

  it(`gives up after ${MAX_EXTENSIONS} extensions while starved, and says it was starved`, async () => {
    // A loop that is busy most of the time, with nothing ever answering.
    const busy = setInterval(() => block(60), 5);
    try {
      const error = await withDeadline(never(), 20, 'test').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DeadlineError);
      expect(isStarvedTimeout(error)).toBe(true);
    } finally {
      clearInterval(busy);
    }
  });
});

describe('deadline errors from another copy of the module (each route bundle has its own; the database handle throws the start-up bundle\'s)', () => {
  it('are recognised by kind: a starved one stays starved, an optional read leaves its part out, subclasses keep their kind', async () => {
    vi.resetModules();
    const deadline = await import('./deadline');
    const database = await import('@/db/deadline-outcome');
    const starved = new deadline.DeadlineError('Redis GET timed out', true);
    expect(starved).toBeInstanceOf(DeadlineError);
    expect(isStarvedTimeout(starved)).toBe(true);
    expect(await valueWithin(Promise.reject(new deadline.DeadlineError('Postgres query not sent', false)), 1_000)).toBeUndefined();
    expect(new database.TransactionDeadlineError('commit', 1_000, false)).toBeInstanceOf(TransactionDeadlineError);
    expect(new database.TransactionDeadlineError('commit', 1_000, false)).toBeInstanceOf(DeadlineError);
    expect(new deadline.DeadlineError('x', false)).not.toBeInstanceOf(TransactionDeadlineError);
    expect(new Error('x')).not.toBeInstanceOf(DeadlineError);
  });
});
