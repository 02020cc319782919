/**
 * The Indian food mark: a green square with a dot for vegetarian, a brown-red square with a
 * triangle for non-vegetarian. Labelled for screen readers.
 */
export function VegMark({ veg, className = 'size-4' }: { veg: boolean; className?: string }) {
  const label = veg ? 'Veg' : 'Non-veg';
  const colour = veg ? 'var(--color-veg)' : 'var(--color-nonveg)';
  return (
    <svg viewBox="0 0 16 16" role="img" aria-label={label} className={`shrink-0 ${className}`} focusable="false">
      <title>{label}</title>
      <rect x="1" y="1" width="14" height="14" rx="2" fill="#fff" stroke={colour} strokeWidth="1.6" />
      {veg ? <circle cx="8" cy="8" r="3.6" fill={colour} /> : <path d="M8 4.2 12.2 11.4H3.8Z" fill={colour} />}
    </svg>
  );
}
