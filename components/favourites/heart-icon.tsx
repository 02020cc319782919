/** The favourites heart: filled when saved. Decorative; the control around it carries the meaning. */
export function HeartIcon({ filled, className = 'size-4' }: { filled: boolean; className?: string }) {
  return (
    <svg viewBox="0 0 20 20" className={`shrink-0 ${className}`} aria-hidden="true" focusable="false">
      <path
        d="M10 17.2s-6.8-4.1-6.8-9A3.9 3.9 0 0 1 10 5.6a3.9 3.9 0 0 1 6.8 2.6c0 4.9-6.8 9-6.8 9z"
        fill={filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinejoin="round"
      />
    </svg>
  );
}
