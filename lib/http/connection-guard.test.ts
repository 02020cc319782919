import { EventEmitter } from 'node:events';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { connectionGuard } from './connection-guard.mjs';

/** One address holding more than its share of connections is cut off; another address is served. */
describe('connections per address', () => {
  const guard = connectionGuard(8);
  let server: http.Server;
  let port: number;

  beforeAll(async () => {
    server = http.createServer((_, response) => response.end('ok'));
    server.on('connection', guard.onConnection);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** Opens a socket from `from`; resolves once it is connected, with whether the server closed it within 300 ms. */
  function idle(from: string): Promise<{ socket: net.Socket; closed: boolean }> {
    return new Promise((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port, localAddress: from });
      socket.on('error', () => {});
      socket.once('connect', () => {
        const timer = setTimeout(() => resolve({ socket, closed: false }), 300);
        socket.once('close', () => {
          clearTimeout(timer);
          resolve({ socket, closed: true });
        });
      });
    });
  }

  it('closes what one address opens beyond its share, and still serves others', async () => {
    const sockets = await Promise.all(Array.from({ length: 12 }, () => idle('127.0.0.21')));
    expect(sockets.filter((entry) => entry.closed)).toHaveLength(4);
    expect(guard.open('127.0.0.21')).toBe(8);

    const other = await new Promise<number>((resolve, reject) =>
      http.get({ host: '127.0.0.1', port, localAddress: '127.0.0.22', agent: false }, (response) => resolve(response.statusCode!)).on('error', reject),
    );
    expect(other).toBe(200);

    sockets.forEach((entry) => entry.socket.destroy());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(guard.open('127.0.0.21')).toBe(0);
  });
});

/**
 * A client is what the rate limits count (lib/ratelimit/client-identity.ts): an IPv6 /64, not each of
 * its 2^64 addresses. Counted per address, one host rotating source addresses within its /64 held 256
 * connections per address without end (attack review: 4 addresses of one /64 held 1,024 open on a
 * production server). Fake sockets: CI machines have no IPv6 addresses to bind.
 */
describe('connections per client', () => {
  function fakeSocket(remoteAddress: string) {
    const socket = Object.assign(new EventEmitter(), { remoteAddress, destroy: vi.fn() });
    return socket as unknown as net.Socket & { destroy: ReturnType<typeof vi.fn> };
  }

  it('counts the addresses of one IPv6 /64 as one client', () => {
    const guard = connectionGuard(8);
    const sockets = Array.from({ length: 12 }, (_, i) => fakeSocket(`2001:db8:a77:1::${(i + 1).toString(16)}`));
    sockets.forEach((socket) => guard.onConnection(socket));
    expect(sockets.filter((socket) => socket.destroy.mock.calls.length > 0)).toHaveLength(4);
    expect(guard.open('2001:db8:a77:1::ffff')).toBe(8);

    // Another /64 is another client; closing connections frees the client's share.
    const neighbour = fakeSocket('2001:db8:a77:2::1');
    guard.onConnection(neighbour);
    expect(neighbour.destroy).not.toHaveBeenCalled();
    sockets.slice(0, 8).forEach((socket) => socket.emit('close'));
    expect(guard.open('2001:db8:a77:1::1')).toBe(0);
  });

  it('counts an IPv4 client the same whether the socket names it as IPv4 or IPv4-mapped IPv6', () => {
    const guard = connectionGuard(2);
    const sockets = [fakeSocket('203.0.113.7'), fakeSocket('::ffff:203.0.113.7'), fakeSocket('::ffff:cb00:7107')];
    sockets.forEach((socket) => guard.onConnection(socket));
    expect(sockets[2]!.destroy).toHaveBeenCalled();
    expect(guard.open('203.0.113.7')).toBe(2);
  });
});
