'use client';

import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

import { styles } from '@/components/admin/styles';

/**
 * A destructive action in two steps: the first button only asks; the question's confirm button takes
 * focus, and Cancel or Escape puts focus back on the first button. Hidden fields travel with the
 * confirming form. While an action runs, every button sharing its state is disabled.
 */
export function ConfirmForm({
  formAction,
  pending,
  fields,
  ask,
  askLabel,
  question,
  confirm,
}: {
  formAction: (formData: FormData) => void;
  pending: boolean;
  fields: Record<string, string | number>;
  /** Visible text of the first button, e.g. "Delete". */
  ask: string;
  /** Its accessible name, naming the thing, e.g. "Delete Masala Dosa". */
  askLabel: string;
  question: string;
  confirm: string;
}) {
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  const toggled = useRef(false);

  useEffect(() => {
    if (toggled.current) (confirming ? confirmRef : askRef).current?.focus();
  }, [confirming]);

  const toggle = (next: boolean) => {
    toggled.current = true;
    setConfirming(next);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') toggle(false);
  };

  if (!confirming) {
    return (
      <button ref={askRef} type="button" disabled={pending} onClick={() => toggle(true)} aria-label={askLabel} className={styles.secondaryButton}>
        {ask}
      </button>
    );
  }
  // Submitting answers the question: fold it away (the result panel then takes focus).
  const submit = (formData: FormData) => {
    formAction(formData);
    toggle(false);
  };

  return (
    <form action={submit} onKeyDown={onKeyDown} aria-label={question} className="flex flex-wrap items-center justify-end gap-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <span className="text-sm font-medium text-ink">{question}</span>
      <button ref={confirmRef} type="submit" disabled={pending} className={styles.dangerButton}>
        {confirm}
      </button>
      <button type="button" onClick={() => toggle(false)} className={styles.secondaryButton}>
        Cancel
      </button>
    </form>
  );
}
