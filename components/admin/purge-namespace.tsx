'use client';

import { useActionState } from 'react';

import { ActionResult } from '@/components/admin/action-result';
import { ConfirmForm } from '@/components/admin/confirm-form';
import { useResultFocus } from '@/components/admin/use-result-focus';
import { IDLE, type ActionState } from '@/lib/admin/action-state';

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/** Purge every entry of one cache namespace, after a confirmation naming it. */
export function PurgeNamespace({ namespace, entries, purgeAction }: { namespace: string; entries: string; purgeAction: Action }) {
  const [state, formAction, pending] = useActionState(purgeAction, IDLE);
  const { resultRef } = useResultFocus(state);
  return (
    <div className="flex flex-col items-end gap-3">
      <ConfirmForm
        formAction={formAction}
        pending={pending}
        fields={{ namespace }}
        ask={`Purge namespace ${namespace}`}
        askLabel={`Purge every key in the ${namespace} namespace`}
        question={`Purge all ${entries} entries in “${namespace}”? Each next customer load reads Postgres.`}
        confirm={`Yes, purge ${namespace}`}
      />
      <div className="w-full">
        <ActionResult ref={resultRef} state={state} testId="purge-namespace-result" />
      </div>
    </div>
  );
}
