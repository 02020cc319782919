import 'server-only';

import { singletons } from '@/lib/server/singletons';

import type { SessionRecord } from './session-record';

declare module '@/lib/server/singletons' {
  interface ProcessSingletons {
    /** Sessions Redis confirmed moments ago, by key. */
    confirmedSessions?: Map<string, { record: SessionRecord; at: number }>;
  }
}

/**
 * Sessions this process has just seen Redis confirm, for the moment Redis doesn't answer: a session
 * confirmed within CONFIRMED_GRACE_MS is taken as still valid (docs/decisions/022-admins-through-a-slow-redis.md).
 * Without it, a Redis that pauses between a save's session check and the page the save re-renders
 * would show the admin a sign-in problem for a write that committed. Fails closed after the grace.
 */
export const CONFIRMED_GRACE_MS = 10_000;
/** Bound on what one process remembers; the oldest confirmations go first. */
const MAX_REMEMBERED = 10_000;

function remembered(): Map<string, { record: SessionRecord; at: number }> {
  const shared = singletons();
  shared.confirmedSessions ??= new Map();
  return shared.confirmedSessions;
}

export function rememberConfirmed(key: string, record: SessionRecord, now: number): void {
  const sessions = remembered();
  sessions.delete(key);
  sessions.set(key, { record, at: now });
  if (sessions.size > MAX_REMEMBERED) sessions.delete(sessions.keys().next().value!);
}

export function forgetConfirmed(key: string): void {
  remembered().delete(key);
}

function forgetWhere(matches: (record: SessionRecord) => boolean): void {
  for (const [key, { record }] of remembered()) if (matches(record)) remembered().delete(key);
}

/**
 * Forgets every session of one admin this process remembers: their epoch just moved on. Other
 * instances learn it from Redis; only one that can't reach Redis may use its own copy, for the grace.
 */
export function forgetAdminConfirmed(adminId: number): void {
  forgetWhere((record) => record.kind === 'admin' && record.adminId === adminId);
}

/** Forgets every session of one customer this process remembers: they just signed out of every device. */
export function forgetCustomerConfirmed(customerId: number): void {
  forgetWhere((record) => record.kind === 'customer' && record.customerId === customerId);
}

/** The record Redis confirmed for this key within the grace, if any. */
export function recentlyConfirmed(key: string, now: number): SessionRecord | undefined {
  const entry = remembered().get(key);
  if (!entry) return undefined;
  if (now - entry.at > CONFIRMED_GRACE_MS) {
    remembered().delete(key);
    return undefined;
  }
  return entry.record;
}
