import { describe, expect, it } from 'vitest';

import { isFinalStatus, isOrderStatus, isOrderStep, nextStatus, ORDER_STEPS, STATUS_LABELS } from './status';

describe('order statuses', () => {
  it('steps move one way to delivered; cancelled is a status no step leads to or from', () => {
    expect(ORDER_STEPS.map(nextStatus)).toEqual(['accepted', 'preparing', 'out_for_delivery', 'delivered', null]);
    expect(nextStatus('cancelled')).toBeNull();
    expect(isOrderStatus('cancelled')).toBe(true);
    expect(isOrderStep('cancelled')).toBe(false);
    expect(isOrderStep('accepted')).toBe(true);
    expect(isOrderStep('__proto__')).toBe(false);
  });

  it('delivered and cancelled are final; the rest still move', () => {
    expect(isFinalStatus('delivered')).toBe(true);
    expect(isFinalStatus('cancelled')).toBe(true);
    for (const step of ORDER_STEPS.slice(0, -1)) expect(isFinalStatus(step)).toBe(false);
    expect(STATUS_LABELS.cancelled).toBe('Cancelled');
  });
});
