'use client';

import { useEffect, useRef } from 'react';

import type { ActionState } from '@/lib/admin/action-state';

/**
 * After each answer from the server, move focus where the admin needs to look: the first field with
 * an error, or the result panel (which announces itself). Nothing happens before the first answer.
 */
export function useResultFocus(state: ActionState) {
  const formRef = useRef<HTMLFormElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.status === 'idle') return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? resultRef.current)?.focus();
  }, [state]);
  return { formRef, resultRef };
}
