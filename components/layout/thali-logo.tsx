/** The brand mark: a thali seen from above. Decorative; the wordmark next to it carries the name. */
export function ThaliLogo({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true" focusable="false">
      <circle cx="16" cy="16" r="15" fill="var(--color-brand-500)" />
      <circle cx="16" cy="16" r="11.5" fill="#fff7ef" />
      <circle cx="11.5" cy="12" r="3.6" fill="#f2b33d" />
      <circle cx="20.5" cy="12" r="3.6" fill="#4f9a3a" />
      <circle cx="16" cy="20.5" r="4.2" fill="#d9472b" />
    </svg>
  );
}
