'use client';

import { useSyncExternalStore } from 'react';

import { formatAgo, formatClockTime, formatClockTimeWithSeconds } from '@/lib/format';

const TICK_MS = 15_000;
const subscribe = (tick: () => void) => {
  const timer = setInterval(tick, TICK_MS);
  return () => clearInterval(timer);
};
/** The time, in steps of TICK_MS so the snapshot is stable between ticks. */
const clock = () => Math.floor(Date.now() / TICK_MS) * TICK_MS;
const onServer = () => null;

/**
 * When something was sent, in India as every other time the app shows, with how long ago once the
 * browser runs ("7:42:05 pm IST · 2 min ago"). Customer walk: it was redrawn in the browser's own zone,
 * so a visitor abroad read "2:12:05 pm" beside an order page saying "Placed 7:42 pm". The server's HTML
 * (and a browser without JavaScript) says the time without seconds or "ago", which need the clock.
 */
export function SentAt({ iso }: { iso: string }) {
  const now = useSyncExternalStore(subscribe, clock, onServer);
  const sent = new Date(iso);
  if (Number.isNaN(sent.getTime())) return null;
  if (now === null) return <time dateTime={iso}>{formatClockTime(sent)} IST</time>;
  return (
    <time dateTime={iso} data-local="">
      {formatClockTimeWithSeconds(sent)} IST · {formatAgo(now - sent.getTime())}
    </time>
  );
}
