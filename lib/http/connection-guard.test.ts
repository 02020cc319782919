import http from 'node:http';
import net, { type AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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
