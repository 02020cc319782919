import Link from 'next/link';

export interface SavedAddressItem {
  id: number;
  label: string;
  text: string;
}

/**
 * The customer's saved addresses, each with Edit (a page of its own) and Delete. Delete asks first in
 * a <details> disclosure and posts a plain form, so both steps work before (or without) JavaScript.
 */
export function SavedAddresses({
  addresses,
  remove,
  from,
}: {
  addresses: SavedAddressItem[];
  remove: (form: FormData) => Promise<void>;
  from: 'account' | 'checkout';
}) {
  if (addresses.length === 0) return <p className="mt-2 text-sm text-muted">No saved addresses yet.</p>;
  return (
    <ul className="mt-3 divide-y divide-line rounded-2xl border border-line bg-white shadow-sm">
      {addresses.map((address) => (
        <li key={address.id} data-testid="saved-address" className="p-4">
          <p className="text-sm text-ink">{address.text}</p>
          <div className="mt-2 flex flex-wrap items-start gap-3">
            <Link prefetch={false}
              href={`/account/addresses/${address.id}?from=${from}`}
              className="rounded-lg border border-line bg-white px-3 py-1.5 text-sm font-bold text-ink hover:bg-stone-50"
            >
              Edit<span className="sr-only"> {address.label}</span>
            </Link>
            <details className="group">
              <summary className="w-fit cursor-pointer list-none rounded-lg border border-red-200 [&::-webkit-details-marker]:hidden bg-white px-3 py-1.5 text-sm font-bold text-red-800 hover:bg-red-50">
                Delete<span className="sr-only"> {address.label}</span>
              </summary>
              <form action={remove} className="mt-2 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900">
                <input type="hidden" name="addressId" value={address.id} />
                <input type="hidden" name="from" value={from} />
                <p>Delete this address? Orders you already placed keep the address they were delivered to.</p>
                <button type="submit" className="mt-2 rounded-lg bg-red-700 px-3 py-1.5 font-bold text-white hover:bg-red-800">
                  Yes, delete {address.label}
                </button>
              </form>
            </details>
          </div>
        </li>
      ))}
    </ul>
  );
}
