/**
 * Checks and converts raw Redis replies for the network drivers, so a reply of an unexpected shape
 * fails loudly instead of leaking through the RedisStore types.
 */
import type { RedisType } from './types';

export type Reply = unknown;

export const REDIS_TYPES: readonly RedisType[] = ['string', 'hash', 'list', 'set', 'zset', 'none'];

export function unexpected(command: string, reply: Reply): never {
  throw new Error(`Unexpected reply to ${command}: ${JSON.stringify(reply)}`);
}

export function asString(command: string, reply: Reply): string {
  return typeof reply === 'string' ? reply : unexpected(command, reply);
}

export function asNullableString(command: string, reply: Reply): string | null {
  return reply === null ? null : asString(command, reply);
}

export function asInteger(command: string, reply: Reply): number {
  return typeof reply === 'number' ? reply : unexpected(command, reply);
}

export function asBoolean(command: string, reply: Reply): boolean {
  return asInteger(command, reply) === 1;
}

export function asStringArray(command: string, reply: Reply): string[] {
  if (!Array.isArray(reply)) return unexpected(command, reply);
  return reply.map((item: Reply) => asString(command, item));
}

/** fromEntries defines own properties, so a field named "__proto__" stays a field. */
export function pairsToRecord(flat: readonly string[]): Record<string, string> {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i] as string, flat[i + 1] as string]);
  return Object.fromEntries(pairs);
}

/** Redis writes infinite scores as "inf"/"-inf", which Number() does not read. */
export function parseScore(command: string, reply: Reply): number {
  const text = typeof reply === 'number' ? String(reply) : asString(command, reply).toLowerCase();
  if (text === 'inf' || text === '+inf') return Infinity;
  if (text === '-inf') return -Infinity;
  const score = Number(text);
  return Number.isNaN(score) ? unexpected(command, reply) : score;
}
