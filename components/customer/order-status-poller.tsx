'use client';

import { useRefreshWhenChanged } from '@/components/ui/use-refresh-when-changed';

/**
 * Asks for the order's status (GET /api/orders/<id>/status) every `intervalMs` while the tab is
 * visible, and re-renders the page from the server only when it differs from the one shown (or the
 * answer says the session or the order is gone, for the page to say so); the loop is
 * components/ui/use-refresh-when-changed.ts. Any other answer (503, offline) keeps what is shown.
 */
export function OrderStatusPoller({ orderId, status, done, intervalMs = 2_000 }: { orderId: string; status: string; done: boolean; intervalMs?: number }) {
  useRefreshWhenChanged(
    async () => {
      const response = await fetch(`/api/orders/${encodeURIComponent(orderId)}/status`, { cache: 'no-store' });
      if (response.status === 401 || response.status === 404) return true;
      return response.ok && ((await response.json()) as { status?: string }).status !== status;
    },
    intervalMs,
    !done,
  );
  return null;
}
