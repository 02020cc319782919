/** "Reorder": a plain form, so it works before the JavaScript loads. */
export function ReorderButton({ action, restaurantName, className = '' }: { action: () => Promise<void>; restaurantName: string; className?: string }) {
  return (
    <form action={action} className={className}>
      <button
        type="submit"
        data-testid="reorder"
        className="rounded-xl border border-brand-700 bg-white px-4 py-2 text-sm font-bold text-brand-800 hover:bg-brand-50"
      >
        Reorder<span className="sr-only"> from {restaurantName}</span>
      </button>
    </form>
  );
}
