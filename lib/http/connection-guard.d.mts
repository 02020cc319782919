import type { Socket } from 'node:net';

export const MAX_CONNECTIONS_PER_ADDRESS: number;
export const HEADERS_TIMEOUT_MS: number;
export const REQUEST_TIMEOUT_MS: number;
export function connectionGuard(max?: number): { onConnection: (socket: Socket) => void; open: (address: string) => number };
