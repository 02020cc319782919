import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cookies } from 'next/headers';
import { connection } from 'next/server';

import { AutoRefresh } from '@/components/ui/auto-refresh';
import { Container } from '@/components/layout/container';
import { DemoBanner } from '@/components/customer/demo-banner';
import { OutboxScopeNote } from '@/components/customer/outbox-scope-note';
import { SentAt } from '@/components/ui/sent-at';
import { maskPhone } from '@/lib/customers/phone';
import { decodeDevice, deviceCookie } from '@/lib/customers/device';
import { outboxEnabled, outboxScopedToDevice, readOutboxFor } from '@/lib/sms/sender';

export const metadata: Metadata = { title: 'Demo outbox', robots: { index: false } };

/**
 * The demo SMS outbox (SMS_SENDER=outbox only): what a real provider would have texted, newest
 * first, from every instance (one Redis list). In production each browser sees only its own codes
 * and the texts to numbers it signed in with (lib/sms/sender.ts); in development, everything.
 * Numbers are masked but for their last four digits.
 */
export default async function OutboxPage() {
  await connection();
  if (!outboxEnabled()) notFound();
  const device = decodeDevice((await cookies()).get(deviceCookie().name)?.value);
  const ownOnly = outboxScopedToDevice();
  const messages = await readOutboxFor(device).catch(() => null);
  return (
    <Container width="narrow" className="py-8 sm:py-12">
      <AutoRefresh />
      <h1 className="text-2xl font-extrabold tracking-tight text-ink sm:text-3xl">Demo outbox</h1>
      <p className="mt-1 text-sm text-muted">New texts appear here by themselves every few seconds.</p>
      <div className="mt-4">
        <DemoBanner />
      </div>
      {ownOnly ? (
        <OutboxScopeNote className="mt-4" />
      ) : null}
      {messages === null ? (
        <p className="mt-6 text-sm text-muted">The outbox can’t be read right now.</p>
      ) : messages.length === 0 ? (
        <p className="mt-6 text-sm text-muted">{ownOnly ? 'No messages for this browser yet.' : 'No messages yet.'}</p>
      ) : (
        <ol className="mt-6 divide-y divide-line rounded-2xl border border-line bg-white">
          {messages.map((message) => (
            <li key={message.id} data-testid="outbox-message" data-to={message.to.slice(-4)} className="px-4 py-3">
              <p className="text-xs text-muted">
                To {maskPhone(message.to)} · <SentAt iso={message.sentAt} />
              </p>
              <p className="mt-1 text-sm text-ink">{message.body}</p>
            </li>
          ))}
        </ol>
      )}
    </Container>
  );
}
