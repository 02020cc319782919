import 'server-only';

import { getEnv } from '@/lib/env';

import { blobMediaStore } from './blob-store';
import { localMediaStore } from './local-store';
import { MediaUnavailableError, type MediaStore } from './store';

export function getMediaStore(): MediaStore {
  const env = getEnv();
  if (env.BLOB_READ_WRITE_TOKEN) return blobMediaStore(env.BLOB_READ_WRITE_TOKEN);
  // A Vercel function's disk is neither shared nor kept: photos written there would vanish.
  if (env.VERCEL) throw new MediaUnavailableError('Photo uploads on Vercel need Vercel Blob: set BLOB_READ_WRITE_TOKEN.');
  return localMediaStore(env.MEDIA_DIR);
}
