const INPUT_BOX =
  'block w-full rounded-xl border border-line bg-white px-3.5 py-2.5 text-base text-ink shadow-sm placeholder:text-stone-400 aria-[invalid=true]:border-nonveg aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-nonveg';

/** Class lists the admin forms and tables share, in the customer site's look (rounded, brand orange, soft lines). */
export const styles = {
  card: 'rounded-3xl border border-line bg-white p-5 shadow-sm sm:p-6',
  sectionTitle: 'text-lg font-extrabold tracking-tight text-ink sm:text-xl',
  label: 'text-sm font-semibold text-ink',
  hint: 'mt-1 text-xs text-muted',
  error: 'mt-1.5 text-sm font-medium text-nonveg',
  input: `mt-1.5 ${INPUT_BOX}`,
  /** A text box without its top margin, for boxes inside a wrapper (a currency prefix, say). */
  inputBox: INPUT_BOX,
  checkbox: 'size-4 rounded border-line accent-brand-700',
  primaryButton:
    'inline-flex items-center justify-center rounded-full bg-brand-700 px-5 py-2.5 text-sm font-semibold text-white hover:bg-brand-800 disabled:cursor-wait disabled:opacity-70',
  secondaryButton:
    'inline-flex items-center justify-center rounded-full border border-line bg-white px-4 py-2 text-sm font-semibold text-ink hover:bg-stone-50 disabled:cursor-wait disabled:opacity-70',
  dangerButton:
    'inline-flex items-center justify-center rounded-full bg-nonveg px-4 py-2 text-sm font-semibold text-white hover:bg-red-900 disabled:cursor-wait disabled:opacity-70',
  textLink: 'font-semibold text-brand-700 underline-offset-4 hover:underline',
  table: 'w-full min-w-[36rem] text-left text-sm',
  th: 'border-b border-line py-2.5 pr-4 text-xs font-semibold tracking-wide text-muted uppercase',
  td: 'border-b border-line py-3 pr-4 align-top',
} as const;
