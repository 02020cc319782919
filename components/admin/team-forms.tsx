'use client';

import { useActionState, useState } from 'react';

import { ActionResult } from '@/components/admin/action-result';
import { ConfirmForm } from '@/components/admin/confirm-form';
import { TextField } from '@/components/admin/fields';
import { styles } from '@/components/admin/styles';
import { useResultFocus } from '@/components/admin/use-result-focus';
import { errorsFor, IDLE, submittedValues, type ActionState } from '@/lib/admin/action-state';

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

export interface MemberView {
  id: number;
  email: string;
  name: string;
  disabled: boolean;
  /** The signed-in admin: they can change their own password, not disable or delete themselves. */
  self: boolean;
}

function PasswordFields({ state, idPrefix }: { state: ActionState; idPrefix: string }) {
  return (
    <>
      <TextField id={`${idPrefix}-password`} name="password" label="New password" type="password" autoComplete="new-password" defaultValue="" hint="At least 12 characters." errors={errorsFor(state, 'password')} />
      <TextField id={`${idPrefix}-confirm`} name="confirmPassword" label="The same password again" type="password" autoComplete="new-password" defaultValue="" errors={errorsFor(state, 'confirmPassword')} />
    </>
  );
}

/** Add an admin: email, name and a first password they can change later. */
export function AddAdminForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const { formRef, resultRef } = useResultFocus(state);
  const typed = submittedValues(state);
  return (
    <form ref={formRef} action={formAction} className="flex flex-col gap-4" noValidate aria-label="Add an admin">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField id="new-admin-email" name="email" label="Email" type="email" autoComplete="off" defaultValue={typed?.email ?? ''} errors={errorsFor(state, 'email')} />
        <TextField id="new-admin-name" name="name" label="Name" defaultValue={typed?.name ?? ''} maxLength={80} errors={errorsFor(state, 'name')} />
        <PasswordFields state={state} idPrefix="new-admin" />
      </div>
      <div>
        <button type="submit" disabled={pending} className={styles.primaryButton}>
          {pending ? 'Adding…' : 'Add admin'}
        </button>
      </div>
      <ActionResult ref={resultRef} state={state} shownFields={['email', 'name', 'password', 'confirmPassword']} testId="add-admin-result" />
    </form>
  );
}

/** One admin's row actions: disable or enable, delete (both confirmed), and a new password. */
export function MemberActions({
  member,
  disableAction,
  enableAction,
  deleteAction,
  passwordAction,
}: {
  member: MemberView;
  disableAction: Action;
  enableAction: Action;
  deleteAction: Action;
  passwordAction: Action;
}) {
  const [statusState, statusFormAction, statusPending] = useActionState(member.disabled ? enableAction : disableAction, IDLE);
  const [deleteState, deleteFormAction, deletePending] = useActionState(deleteAction, IDLE);
  const [passwordState, passwordFormAction, passwordPending] = useActionState(passwordAction, IDLE);
  const [changing, setChanging] = useState(false);
  const { resultRef: statusResultRef } = useResultFocus(statusState);
  const { resultRef: deleteResultRef } = useResultFocus(deleteState);
  const { formRef: passwordFormRef, resultRef: passwordResultRef } = useResultFocus(passwordState);
  const pending = statusPending || deletePending || passwordPending;
  const who = member.name || member.email;

  return (
    <div className="flex flex-col items-end gap-3">
      <div className="flex flex-wrap justify-end gap-2">
        <button type="button" className={styles.secondaryButton} aria-expanded={changing} onClick={() => setChanging(!changing)} disabled={pending}>
          {changing ? 'Cancel password change' : 'Change password'}
        </button>
        {member.self ? null : (
          <>
            <ConfirmForm
              formAction={statusFormAction}
              pending={pending}
              fields={{ id: member.id }}
              ask={member.disabled ? 'Enable' : 'Disable'}
              askLabel={`${member.disabled ? 'Enable' : 'Disable'} ${who}`}
              question={member.disabled ? `Let ${who} sign in again?` : `Disable ${who}? They are signed out everywhere at once.`}
              confirm={member.disabled ? 'Yes, enable' : 'Yes, disable'}
            />
            <ConfirmForm
              formAction={deleteFormAction}
              pending={pending}
              fields={{ id: member.id }}
              ask="Delete"
              askLabel={`Delete ${who}`}
              question={`Delete ${who}? They are signed out everywhere; their audit entries stay.`}
              confirm="Yes, delete"
            />
          </>
        )}
      </div>
      {changing ? (
        <form ref={passwordFormRef} action={passwordFormAction} className="flex w-full max-w-md flex-col gap-3" noValidate aria-label={`New password for ${who}`}>
          <input type="hidden" name="id" value={member.id} />
          <PasswordFields state={passwordState} idPrefix={`password-${member.id}`} />
          <p className="text-xs text-muted">
            {member.self ? 'Your other sessions end; this one stays signed in.' : `Every session of ${who} ends at once.`}
          </p>
          <div>
            <button type="submit" disabled={pending} className={styles.primaryButton}>
              {passwordPending ? 'Saving…' : 'Set the new password'}
            </button>
          </div>
        </form>
      ) : null}
      <div className="w-full">
        <ActionResult ref={statusResultRef} state={statusState} testId={`member-status-result-${member.id}`} />
        <ActionResult ref={deleteResultRef} state={deleteState} testId={`member-delete-result-${member.id}`} />
        <ActionResult ref={passwordResultRef} state={passwordState} shownFields={['password', 'confirmPassword']} testId={`member-password-result-${member.id}`} />
      </div>
    </div>
  );
}
