import type { IncomingMessage } from 'node:http';

export function parseTrustedProxies(value: string | undefined, vercel: string | undefined): 'none' | 'vercel' | number;
export const FORWARDING_HEADERS: readonly string[];
export function scrubForwarding(request: IncomingMessage, trust: 'none' | 'vercel' | number): void;
