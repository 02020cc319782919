/** The result of an address edit or delete, shown on the page the form returned to. */
export function AddressNoticeBanner({ notice }: { notice: { tone: 'ok' | 'problem'; text: string } | null }) {
  if (!notice) return null;
  return notice.tone === 'ok' ? (
    <p role="status" data-testid="address-notice" className="mt-4 rounded-xl border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-950">
      {notice.text}
    </p>
  ) : (
    <p role="alert" data-testid="address-notice" className="mt-4 rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
      {notice.text}
    </p>
  );
}
