/** "Pure Veg": the restaurant serves vegetarian food only. */
export function PureVegBadge({ className = '' }: { className?: string }) {
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full border border-veg/30 bg-veg-soft px-2 py-0.5 text-xs font-semibold text-veg-ink ${className}`}
    >
      <span className="icon-leaf size-3" aria-hidden="true" />
      Pure Veg
    </span>
  );
}
