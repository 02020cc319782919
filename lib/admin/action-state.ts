/**
 * What an admin server action hands back to its form (React useActionState). Pure, with type-only
 * imports of server modules (no 'server-only'), because the client forms render these states.
 */
import type { PurgeOutcome } from './cache-purge';
import type { TeamOutcome } from '@/lib/admin/team';
import { FRESH_WITHIN_SECONDS } from '@/lib/cache/types';
import type { MutationOutcome } from '@/lib/menus/mutations';
import type { FieldErrors } from '@/lib/validation/field-errors';

import { asForm } from '@/lib/http/form';

/** What the admin typed, sent back with a rejected save so the form shows it again, not the old values. */
export type FormValues = Record<string, string>;

export type ActionState =
  | { status: 'idle' }
  | {
      status: 'saved';
      message: string;
      invalidatedKeys: string[];
      /** Keys done but not listed (a namespace purge lists the first few hundred). */
      unlisted?: number;
      cacheWarning?: string;
    }
  | { status: 'invalid'; message: string; fieldErrors: FieldErrors; values: FormValues }
  | { status: 'conflict'; message: string; values: FormValues }
  | { status: 'failed'; message: string; values?: FormValues };

export const IDLE: ActionState = { status: 'idle' };

export const NOTHING_SAVED = 'Nothing was saved: correct the marked fields.';

/** An action whose session Redis could not confirm (lib/auth/admin.ts): nothing was done, the admin is still signed in. */
export const NOT_CHECKED = {
  status: 'failed',
  message: 'Nothing was changed: we couldn’t check your sign-in just now (the session store did not answer). You are still signed in; try again in a moment.',
} as const satisfies ActionState;

/**
 * The form's fields as a plain object (`Object.fromEntries`), without React's `$ACTION_…` bookkeeping
 * entries or files. Unchecked checkboxes are simply absent, which the schemas read as false.
 */
export function formValues(formData: unknown): FormValues {
  return Object.fromEntries(
    [...asForm(formData).entries()].filter((entry): entry is [string, string] => typeof entry[1] === 'string' && !entry[0].startsWith('$ACTION')),
  );
}

/** A committed save whose invalidation Redis did not take at once (it is retried: lib/cache/outbox-retry.ts). */
export const CACHE_WARNING =
  `Saved. The cache did not take the change yet, so some customers may still see the old version: it is retried every second, ` +
  `and customers see the change within ${FRESH_WITHIN_SECONDS} seconds of the cache answering again.`;

export function stateFromOutcome(
  outcome: MutationOutcome<unknown>,
  context: { values: FormValues; saved: string; notFound: string },
): ActionState {
  switch (outcome.status) {
    case 'saved':
      return {
        status: 'saved',
        message: context.saved,
        invalidatedKeys: outcome.invalidation.keys,
        ...(outcome.invalidation.ok ? {} : { cacheWarning: CACHE_WARNING }),
      };
    case 'invalid':
      return { status: 'invalid', message: NOTHING_SAVED, fieldErrors: outcome.fieldErrors, values: context.values };
    case 'conflict':
      return { status: 'conflict', message: outcome.message, values: context.values };
    case 'not-found':
      return { status: 'failed', message: context.notFound };
  }
}

/** A purge's answer in the same shape as a save's, so the cache page shows it the same way. */
export function stateFromPurge(outcome: PurgeOutcome, context: { what: string }): ActionState {
  if (outcome.status !== 'purged') return { status: 'failed', message: outcome.message };
  const { total, keys, generationsKept } = outcome;
  const kept = generationsKept > 0 ? ` ${generationsKept} generation ${generationsKept === 1 ? 'key was' : 'keys were'} kept and rotated, never deleted.` : '';
  const warnings = [
    outcome.ok
      ? null
      : `Redis did not take all of it yet: the rest is retried every second, and customers see it within ${FRESH_WITHIN_SECONDS} seconds of Redis answering again.`,
    outcome.complete ? null : 'The purge stopped at its time limit before the end of the namespace: purge again to finish.',
  ].filter((warning): warning is string => warning !== null);
  return {
    status: 'saved',
    message: `Purged ${total} ${total === 1 ? 'key' : 'keys'} from ${context.what}: the next customer load of each reads Postgres.${kept}`,
    invalidatedKeys: keys,
    ...(total > keys.length ? { unlisted: total - keys.length } : {}),
    ...(warnings.length > 0 ? { cacheWarning: warnings.join(' ') } : {}),
  };
}

/** What was typed, without any password field: what a Team form may get back. */
export function withoutPasswords(values: FormValues): FormValues {
  return Object.fromEntries(Object.entries(values).filter(([name]) => !/password/i.test(name)));
}

/** A Team page change in the same shape, saying how soon the admin's sessions ended. Passwords are never sent back. */
export function stateFromTeam(outcome: TeamOutcome, context: { saved: string; values?: FormValues }): ActionState {
  const values = context.values ? withoutPasswords(context.values) : {};
  switch (outcome.status) {
    case 'saved':
      if (outcome.sessionsEnded === 'within-a-minute') {
        const cacheWarning = `${context.saved} Redis could not be reached: their sessions end within a minute instead of at once.`;
        return { status: 'saved', message: context.saved, invalidatedKeys: [], cacheWarning };
      }
      return {
        status: 'saved',
        message: outcome.sessionsEnded === 'at-once' ? `${context.saved} Their sessions ended on every server.` : context.saved,
        invalidatedKeys: [],
      };
    case 'invalid':
      return { status: 'invalid', message: NOTHING_SAVED, fieldErrors: outcome.fieldErrors, values };
    case 'refused':
      return { status: 'failed', message: outcome.message, values };
    case 'not-found':
      return { status: 'failed', message: 'That admin was changed or removed meanwhile: reload the page.', values };
  }
}

/** The values a rejected save sent back, for the form to show instead of the stored ones. */
export function submittedValues(state: ActionState): FormValues | undefined {
  return state.status === 'invalid' || state.status === 'conflict' || state.status === 'failed' ? state.values : undefined;
}

export function errorsFor(state: ActionState, field: string): string[] | undefined {
  return state.status === 'invalid' ? state.fieldErrors[field] : undefined;
}
