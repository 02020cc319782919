'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useId, useState, type ChangeEvent } from 'react';

import { ActionResult } from '@/components/admin/action-result';
import { ConfirmForm } from '@/components/admin/confirm-form';
import { styles } from '@/components/admin/styles';
import { useResultFocus } from '@/components/admin/use-result-focus';
import { FillImage } from '@/components/ui/fill-image';
import { IDLE, type ActionState } from '@/lib/admin/action-state';
import { MAX_PHOTO_BYTES, PHOTO_ACCEPT, PHOTO_MESSAGES } from '@/lib/media/limits';

/**
 * Upload, replace or remove one photo (a restaurant's cover or a dish's). The image goes to the
 * admin photo endpoint as the request body (lib/media/admin-photos.ts), which checks everything again:
 * the size and type checks here only save a pointless upload. The answer lists the cache keys that
 * were invalidated, as every admin save does, and the page then re-renders with the new photo.
 */
export function PhotoField({
  endpoint,
  photoUrl,
  fallbackUrl,
  label,
  testId,
}: {
  /** The admin photo endpoint: PUT uploads, DELETE removes. */
  endpoint: string;
  photoUrl: string | null;
  /** What customers see without a photo: the cuisine's or category's illustration. */
  fallbackUrl: string;
  label: string;
  testId: string;
}) {
  const router = useRouter();
  const id = useId();
  const [chosen, setChosen] = useState<{ url: string | null; problem: string | null } | null>(null);
  const [state, dispatch, pending] = useActionState(async (_previous: ActionState, formData: FormData): Promise<ActionState> => {
    const next = await send(endpoint, formData);
    if (next.status === 'saved') {
      setChosen(null);
      router.refresh();
    }
    return next;
  }, IDLE);
  const { formRef, resultRef } = useResultFocus(state);

  useEffect(() => () => (chosen?.url ? URL.revokeObjectURL(chosen.url) : undefined), [chosen]);

  const onChoose = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    const problem = file ? problemWith(file) : null;
    // Only an acceptable file is previewed: the browser need not read anything else.
    setChosen(file ? { url: problem ? null : URL.createObjectURL(file), problem } : null);
  };

  return (
    <div className="flex flex-col gap-4" data-testid={testId}>
      <div className="grid gap-4 sm:grid-cols-2">
        <figure className="flex flex-col gap-1.5">
          <div className="relative aspect-[4/3] overflow-hidden rounded-2xl border border-line bg-stone-50">
            {photoUrl ? (
              <FillImage src={photoUrl} alt={`Current ${label.toLowerCase()}`} sizes="(min-width: 640px) 320px, 100vw" testId="current-photo" />
            ) : (
              // eslint-disable-next-line @next/next/no-img-element -- a static SVG: nothing for the optimizer to do
              <img src={fallbackUrl} alt="" className="size-full object-contain p-6" data-testid="fallback-illustration" />
            )}
          </div>
          <figcaption className="text-xs text-muted">{photoUrl ? 'Now on the customer pages.' : 'No photo yet: customers see this illustration.'}</figcaption>
        </figure>
        {chosen?.url ? (
          <figure className="flex flex-col gap-1.5">
            <div className="relative aspect-[4/3] overflow-hidden rounded-2xl border border-dashed border-brand-700 bg-stone-50">
              {/* eslint-disable-next-line @next/next/no-img-element -- a local file the browser previews; it has no URL to optimize */}
              <img src={chosen.url} alt="The photo you chose" className="size-full object-cover" />
            </div>
            <figcaption className="text-xs text-muted">Chosen, not uploaded yet.</figcaption>
          </figure>
        ) : null}
      </div>

      <form key={photoUrl ?? 'none'} ref={formRef} action={dispatch} className="flex flex-col gap-3" aria-label={label}>
        <div>
          <label htmlFor={`${id}-file`} className={styles.label}>
            {photoUrl ? `Replace the ${label.toLowerCase()}` : `Upload a ${label.toLowerCase()}`}
          </label>
          <input
            id={`${id}-file`}
            name="photo"
            type="file"
            accept={PHOTO_ACCEPT}
            onChange={onChoose}
            aria-invalid={chosen?.problem ? true : undefined}
            aria-describedby={`${id}-hint${chosen?.problem ? ` ${id}-error` : ''}`}
            className="mt-1.5 block w-full text-sm file:mr-3 file:rounded-full file:border-0 file:bg-brand-700 file:px-4 file:py-2 file:font-semibold file:text-white"
          />
          <p id={`${id}-hint`} className={styles.hint}>
            JPEG, PNG, WebP or AVIF, at most {MAX_PHOTO_BYTES / 1024 / 1024} MB. It is resized and saved as WebP without its
            metadata (no location or camera details).
          </p>
          {chosen?.problem ? (
            <p id={`${id}-error`} className={styles.error}>
              {chosen.problem}
            </p>
          ) : null}
        </div>
        <div>
          <button type="submit" disabled={pending || chosen === null || chosen.problem !== null} className={styles.primaryButton}>
            {pending ? 'Saving…' : 'Upload photo'}
          </button>
        </div>
      </form>

      {photoUrl ? (
        <div className="flex justify-start">
          <ConfirmForm
            formAction={dispatch}
            pending={pending}
            fields={{ intent: 'remove' }}
            ask="Remove photo"
            askLabel={`Remove the ${label.toLowerCase()}`}
            question="Remove this photo?"
            confirm="Yes, remove"
          />
        </div>
      ) : null}
      <ActionResult ref={resultRef} state={state} testId={`${testId}-result`} />
    </div>
  );
}

/** What the browser can tell before uploading; the server decides by the bytes themselves. */
function problemWith(file: File): string | null {
  if (file.size > MAX_PHOTO_BYTES) return PHOTO_MESSAGES.tooLarge;
  if (file.type && !PHOTO_ACCEPT.split(',').includes(file.type)) return PHOTO_MESSAGES.notAnImage;
  return null;
}

async function send(endpoint: string, formData: FormData): Promise<ActionState> {
  let response: Response;
  if (formData.get('intent') === 'remove') {
    response = await fetch(endpoint, { method: 'DELETE' }).catch(() => Response.error());
  } else {
    const file = formData.get('photo');
    if (!(file instanceof File) || file.size === 0) return { status: 'failed', message: PHOTO_MESSAGES.empty };
    const problem = problemWith(file);
    if (problem) return { status: 'failed', message: problem };
    response = await fetch(endpoint, { method: 'PUT', body: file, headers: { 'content-type': file.type || 'application/octet-stream' } }).catch(() =>
      Response.error(),
    );
  }
  const body = (await response.json().catch(() => null)) as (ActionState & { error?: string }) | null;
  if (response.ok && body?.status === 'saved') return body;
  return { status: 'failed', message: body?.error ?? 'The server could not be reached: nothing was changed. Try again.' };
}
