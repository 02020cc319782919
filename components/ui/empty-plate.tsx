/** An empty plate with a fork and spoon, for empty states and the 404 page. Decorative. */
export function EmptyPlate({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 160 120" className={className} aria-hidden="true" focusable="false">
      <ellipse cx="80" cy="108" rx="50" ry="6" fill="#000" opacity="0.08" />
      <circle cx="80" cy="60" r="44" fill="#e4dfd8" />
      <circle cx="80" cy="60" r="36" fill="#f6f3ef" />
      <circle cx="80" cy="60" r="36" fill="none" stroke="#fff" strokeWidth="2" />
      <path d="M20 24v24a5 5 0 0 0 10 0V24M25 24v80" fill="none" stroke="#b8b1a8" strokeWidth="3.5" strokeLinecap="round" />
      <ellipse cx="138" cy="36" rx="7" ry="11" fill="#b8b1a8" />
      <path d="M138 46v58" stroke="#b8b1a8" strokeWidth="3.5" strokeLinecap="round" />
      <circle cx="70" cy="55" r="3" fill="var(--color-brand-300)" />
      <circle cx="90" cy="55" r="3" fill="var(--color-brand-300)" />
      <path d="M70 71q10-7 20 0" fill="none" stroke="var(--color-brand-300)" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}
