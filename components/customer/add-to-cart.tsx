'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';

export type AddOutcome =
  | { status: 'added'; quantity: number }
  | { status: 'unavailable' }
  | { status: 'full' }
  | { status: 'conflict'; currentRestaurant: string }
  | { status: 'signed-out' }
  | { status: 'error' };

/** The menu's ADD button: adds through a server action, asks before replacing another restaurant's cart. */
export function AddToCartButton({
  add,
  itemName,
  loginNext,
}: {
  add: (replace: boolean) => Promise<AddOutcome>;
  itemName: string;
  loginNext: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);

  function onClick() {
    setMessage(null);
    startTransition(async () => {
      let outcome = await add(false);
      if (outcome.status === 'conflict') {
        const replace = window.confirm(
          `Your cart has items from ${outcome.currentRestaurant}. Replace them with ${itemName} from this restaurant?`,
        );
        if (!replace) return;
        outcome = await add(true);
      }
      if (outcome.status === 'signed-out') router.push(`/login?next=${encodeURIComponent(loginNext)}`);
      else if (outcome.status === 'unavailable') setMessage('Not available right now');
      else if (outcome.status === 'full') setMessage('Your cart is full: check out first');
      else if (outcome.status === 'error') setMessage('Could not add: try again');
    });
  }

  return (
    <>
      <button
        type="button"
        onClick={onClick}
        disabled={pending}
        className="w-full rounded-lg border border-line bg-white py-2 text-sm font-extrabold tracking-wide text-rating shadow-sm hover:bg-stone-50 disabled:cursor-wait disabled:opacity-60"
      >
        ADD<span className="sr-only"> {itemName}</span>
      </button>
      {message ? (
        <p role="status" className="mt-1 text-center text-xs text-nonveg">
          {message}
        </p>
      ) : null}
    </>
  );
}
