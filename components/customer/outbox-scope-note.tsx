/**
 * What the production demo outbox shows this browser (lib/sms/sender.ts's visibleTo). It names the
 * case that looks broken: a number that already has an account, asked for from another browser, is
 * told "We sent a 6-digit code" and nothing ever appears here, since the outbox stands in for the
 * owner's phone (decision 011). Said for every visitor alike, so it tells nobody whether a number
 * has an account.
 */
export function OutboxScopeNote({ className }: { className?: string }) {
  return (
    <div className={className} data-testid="outbox-scope">
      <p className="text-sm text-muted">This browser sees only the codes it asked for and the texts to numbers it signed in with.</p>
      <p className="mt-1 text-sm text-muted">
        Waiting for a code that never comes? A number that already has an account shows its codes only in a browser
        that signed in with it before, as a real phone would. Here, sign in with another number.
      </p>
    </div>
  );
}
