import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import type { QueueOverview } from '@/lib/queue/overview';

import { QueueCard } from './queue-card';

// 6:58 UTC is 12:28 pm in India.
const at = Date.parse('2026-12-07T06:58:00Z');

const overview: QueueOverview = {
  queue: 'notifications',
  ready: 0,
  inFlight: [{ id: 'job-2', type: 'order-text', attempts: 1, leaseDeadline: at }],
  inFlightTotal: 1,
  delayed: 0,
  dead: [{ id: 'job-1', queue: 'notifications', type: 'order-text', payload: {}, attempts: 5, enqueuedAt: at, lastError: 'Twilio 500', failedAt: at }],
  deadTotal: 2,
  deadMissing: ['job-0'],
  finishedTotal: 1,
  finished: [{ id: 'job-3', type: 'order-text', finishedAt: at }],
};

const noop = async () => {};
const html = () => renderToStaticMarkup(createElement(QueueCard, { queue: overview, retry: noop, discard: noop }));

describe('a queue on the admin queue page', () => {
  // Review (review2): the queue page printed its times in UTC ("2026-12-07 06:58:00 UTC") while every
  // other admin page (audit log, team, restaurants) prints India's time: the same moment read 5½ hours apart.
  it("shows its jobs' times in India's time zone, as every admin page does", () => {
    const page = html();
    expect(page).not.toContain('UTC');
    expect(page.match(/12:28:00\s?pm/gi)).toHaveLength(3);
    expect(page).toContain('dateTime="2026-12-07T06:58:00.000Z"');
  });

  it('offers Retry only for a dead letter whose job is still stored; Discard for both', () => {
    const page = html();
    expect(page.match(/>Retry</g)).toHaveLength(1);
    expect(page.match(/>Discard</g)).toHaveLength(2);
    expect(page).toContain('(expired)');
  });
});
