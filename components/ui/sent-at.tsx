'use client';

import { useSyncExternalStore } from 'react';

import { formatAgo, formatClockTime } from '@/lib/format';

const TICK_MS = 15_000;
const subscribe = (tick: () => void) => {
  const timer = setInterval(tick, TICK_MS);
  return () => clearInterval(timer);
};
/** The time, in steps of TICK_MS so the snapshot is stable between ticks. */
const clock = () => Math.floor(Date.now() / TICK_MS) * TICK_MS;
const onServer = () => null;

/**
 * When something was sent, in the visitor's own time zone with how long ago ("7:42:05 pm · 2 min ago").
 * The server knows no visitor's zone: its HTML (and a browser without JavaScript) says the time in
 * India, where the app's other times are, and the browser redraws it once its script runs.
 */
export function SentAt({ iso }: { iso: string }) {
  const now = useSyncExternalStore(subscribe, clock, onServer);
  const sent = new Date(iso);
  if (Number.isNaN(sent.getTime())) return null;
  if (now === null) return <time dateTime={iso}>{formatClockTime(sent)} IST</time>;
  const local = sent.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit', second: '2-digit' });
  return (
    <time dateTime={iso} data-local="">
      {local} · {formatAgo(now - sent.getTime())}
    </time>
  );
}
