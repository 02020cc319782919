import 'server-only';

import { sql } from 'drizzle-orm';

import type { Database } from '@/db/client';
import { auditLog } from '@/db/schema';
import { orderAuditTarget } from '@/lib/orders/audit-target';

/** Who did it: the admin whose step or cancel this is. */
export interface OrderActor {
  adminId: number;
}

/**
 * The audit entry of an admin's step or cancel of `orderId`, written in that change's own transaction
 * (steps.ts, cancel.ts), so a step an admin made is never without the entry that says who, nor an
 * entry without its step; a click that changed nothing writes none. The restaurant's history in the
 * console lists it.
 */
export function orderAudit(actor: OrderActor, restaurantSlug: string, orderId: string, action: 'order.step' | 'order.cancel', changes: Record<string, unknown>) {
  return async (tx: Database) => {
    await tx.insert(auditLog).values({
      adminId: actor.adminId,
      action,
      restaurantId: sql`(select id from restaurants where slug = ${restaurantSlug})`,
      target: orderAuditTarget(orderId),
      changes,
    });
  };
}
