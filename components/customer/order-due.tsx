'use client';

import { useEffect, useState, type ReactNode } from 'react';

/** setTimeout's longest delay (about 24.8 days); a longer one fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Calls `onLate` once `etaMs` has passed (at once if it has already), and returns what cancels it.
 * A due time further off than a timer can wait is re-armed when that wait ends.
 */
export function scheduleLate(etaMs: number, onLate: () => void, now: () => number = Date.now): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    const wait = etaMs - now();
    if (wait < 0) {
      onLate();
      return;
    }
    // +1: "late" is strictly after the due time, as the server's render counts it.
    timer = setTimeout(arm, Math.min(wait + 1, MAX_TIMER_MS));
  };
  arm();
  return () => clearTimeout(timer);
}

/** Whether `etaAt` has passed: `lateAtRender` (the server's answer) at first, then true once it passes. */
function useLate(etaAt: string, lateAtRender: boolean): boolean {
  const [late, setLate] = useState(lateAtRender);
  useEffect(() => {
    if (late) return;
    const etaMs = Date.parse(etaAt);
    if (Number.isNaN(etaMs)) return;
    return scheduleLate(etaMs, () => setLate(true));
  }, [etaAt, late]);
  return late || lateAtRender;
}

/**
 * The order page's promise under its status: "Arriving by 7:42 pm", and once that time has passed,
 * "Running late · due by 7:42 pm" (it said "Arriving by" a time already gone while the help below
 * said it was late).
 */
export function ArrivingBy({ etaAt, late: lateAtRender, due }: { etaAt: string; late: boolean; due: ReactNode }) {
  const late = useLate(etaAt, lateAtRender);
  return late ? <>Running late · due by {due}</> : <>Arriving by {due}</>;
}

/**
 * The order help's "If it is late" answer: due by `due`, or running late once that time has passed.
 * It turns by itself while the page is open (customer walk: it turned only on a reload or at the next
 * step, so a customer watching a late order was still told "Due by 7:42 pm" at 7:55). `late` is what
 * the server's render found, so the first paint and hydration agree.
 */
export function OrderDue({ etaAt, late: lateAtRender, due }: { etaAt: string; late: boolean; due: ReactNode }) {
  const late = useLate(etaAt, lateAtRender);
  // One live region from the first paint: one added already holding the news is often not announced.
  return (
    <dd className={late ? 'text-ink' : 'text-muted'}>
      <span role="status" data-testid={late ? 'order-late' : undefined}>
        {late ? (
          <>
            Running late: it was due by {due}. Busy kitchens and traffic can add a few minutes; this page moves on by itself as
            soon as the order does. You pay only when it reaches you, so the wait costs you nothing.
          </>
        ) : (
          <>Due by {due}. Each step shows here as soon as the order moves on. You pay only when it reaches you.</>
        )}
      </span>
    </dd>
  );
}
