/** A grey placeholder block; size it with className. */
export function Skeleton({ className = '' }: { className?: string }) {
  return <div className={`rounded bg-stone-200 ${className}`} aria-hidden="true" />;
}
