'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** Re-renders the order page from the server every `intervalMs` until the order is delivered. */
export function OrderStatusPoller({ done, intervalMs = 2_000 }: { done: boolean; intervalMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (done) return;
    const timer = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [done, intervalMs, router]);
  return null;
}
