// Bounds what one client can hold open on scripts/serve.mjs when it faces clients directly
// (TRUSTED_PROXIES=none): connections past MAX_CONNECTIONS_PER_ADDRESS are closed at once, so one
// client can't spend the process's sockets and file descriptors on idle or trickling connections.
// A client is what the rate limits count (client-address.mjs): an IPv4 address or an IPv6 /64.
// Plain JavaScript for serve.mjs. docs/security.md ("Requests").

import { normalizeAddress } from './client-address.mjs';

/** Far above one browser (about 6) or a carrier NAT's busy moment at one instance; far below the fd limit. */
export const MAX_CONNECTIONS_PER_ADDRESS = 256;

/** Node's defaults are 60 s for headers and 300 s for a whole request: longer than any client of this app needs. */
export const HEADERS_TIMEOUT_MS = 15_000;
// A whole request: a 4 MB photo upload over a slow mobile link (about 350 kbit/s) still fits.
export const REQUEST_TIMEOUT_MS = 120_000;

/**
 * The client a socket address belongs to. Per address, one host rotating source addresses within its
 * IPv6 /64 held `max` connections per address without end (attack review).
 *
 * @param {string | undefined} address
 * @returns {string}
 */
function clientOf(address) {
  return (address && normalizeAddress(address)) || address || 'unknown';
}

/**
 * A 'connection' listener that closes a socket whose client (clientOf) already holds `max` open ones.
 *
 * @param {number} [max]
 * @returns {{ onConnection: (socket: import('node:net').Socket) => void; open: (address: string) => number }}
 */
export function connectionGuard(max = MAX_CONNECTIONS_PER_ADDRESS) {
  /** @type {Map<string, number>} */
  const open = new Map();
  return {
    onConnection(socket) {
      const address = clientOf(socket.remoteAddress);
      const count = (open.get(address) ?? 0) + 1;
      if (count > max) {
        socket.destroy();
        return;
      }
      open.set(address, count);
      socket.once('close', () => {
        const left = (open.get(address) ?? 1) - 1;
        if (left > 0) open.set(address, left);
        else open.delete(address);
      });
    },
    open: (address) => open.get(clientOf(address)) ?? 0,
  };
}
