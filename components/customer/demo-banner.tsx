import Link from 'next/link';

/** Shown while SMS_SENDER=outbox: nothing is really texted, codes appear in the demo outbox. */
export function DemoBanner() {
  return (
    <p data-testid="demo-banner" className="rounded-xl border border-line bg-brand-50 px-4 py-3 text-sm text-ink">
      Demo mode: codes appear in the{' '}
      <Link href="/dev/outbox" className="font-semibold text-brand-700 underline underline-offset-2">
        outbox
      </Link>
      , not on your phone.
    </p>
  );
}
