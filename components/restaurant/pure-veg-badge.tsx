/** "Pure Veg": the restaurant serves vegetarian food only. */
export function PureVegBadge({ className = '' }: { className?: string }) {
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full border border-veg/30 bg-veg-soft px-2 py-0.5 text-xs font-semibold text-veg-ink ${className}`}
    >
      <svg viewBox="0 0 16 16" className="size-3" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M13.6 2.4C8 2.2 3.6 4.8 3.2 9.6c-.1 1.1.2 2.1.7 2.9l-1.5 1.6.8.8 1.5-1.6c.8.5 1.8.8 2.9.7 4.8-.4 7.3-4.8 6-11.6zM6 11.3c1.2-2.4 3-4.3 5.3-5.5-1.7 1.6-3.2 3.4-4.3 5.7z"
        />
      </svg>
      Pure Veg
    </span>
  );
}
