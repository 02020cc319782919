'use client';

import { useFormStatus } from 'react-dom';

/** The search form's button; says "Searching…" while next/form navigates to the results (its documented pending state). */
export function SearchButton() {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      aria-disabled={pending}
      className="shrink-0 rounded-full bg-brand-700 px-5 py-2.5 text-sm font-semibold text-white hover:bg-brand-800 aria-disabled:opacity-70"
    >
      {pending ? 'Searching…' : 'Search'}
    </button>
  );
}
